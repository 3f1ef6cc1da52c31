import type { ArticleChannel, ArticleStatus, ServiceCode } from '@veterans/shared';
import { sanitizeArticleHtml } from '../modules/articles/sanitize';

interface DemoArticleSource {
  channel: ArticleChannel;
  title: string;
  summary: string;
  body: string;
  pinned?: boolean;
  serviceCode?: ServiceCode;
}

/** A demo article as stored: published, its body sanitised like any staff edit, with its search text. */
export interface DemoArticle extends DemoArticleSource {
  status: ArticleStatus;
  bodyText: string;
}

/**
 * A few demo articles per channel (演示内容, not official texts); the bureau replaces them with its own.
 * Seeding inserts the titles that are missing and never touches existing rows, so it is idempotent and an
 * admin's edits survive a restart.
 */
const sources: DemoArticleSource[] = [
  {
    channel: 'notice',
    title: '每周二上午免费法律咨询服务的通知',
    summary: '市法律援助中心律师每周二上午在区退役军人服务中心为退役军人提供免费法律咨询，可在线预约。',
    pinned: true,
    body: `
<p>为帮助退役军人及其家属依法解决问题、维护合法权益，市法律援助中心律师<strong>每周二上午 9:00—12:00</strong>在魏都区退役军人服务中心提供免费法律咨询。</p>
<h3>咨询范围</h3>
<ul>
  <li>婚姻家庭、继承赡养；</li>
  <li>劳动就业、工资报酬、工伤待遇；</li>
  <li>安置待遇、社会保险接续；</li>
  <li>房产、合同等民事纠纷。</li>
</ul>
<h3>预约方式</h3>
<p>在本程序首页点击“预约法律咨询”，选择时段并简要说明问题即可。每个时段 30 分钟，名额有限，约满可登记候补。预约后如不能到场，请在前一天 18:00 前取消。</p>
<p>也可以直接到服务中心现场排队咨询。遇法定节假日暂停，另行通知。</p>`,
  },
  {
    channel: 'notice',
    title: '退役军人服务通上线试运行',
    summary: '在线办事、预约法律咨询、困难帮扶申请，办理进度随时可查。',
    body: `
<p>为让退役军人少跑腿、好办事，魏都区退役军人事务局推出“退役军人服务通”（演示版），即日起试运行。</p>
<h3>可以办理</h3>
<ul>
  <li>优待证申领、退役士兵保险接续、移交安置报到；</li>
  <li>困难帮扶申请（家属可代为申请）；</li>
  <li>诉求反映、政策咨询；</li>
  <li>预约每周二上午的免费法律咨询。</li>
</ul>
<p>提交后可随时查看办理进度，工作人员的答复会通过消息通知您。办结后欢迎对服务进行评价。</p>
<p>年纪较大的用户可以在“我的”中打开<strong>关怀模式</strong>，字更大、按钮更大。</p>`,
  },
  {
    channel: 'notice',
    title: '春节期间服务安排的通知',
    summary: '春节法定假日期间服务中心暂停现场办理，线上申请照常提交，节后依次办理。',
    body: `
<p>根据国务院办公厅关于节假日安排的通知，春节法定假日期间，区退役军人服务中心及各街道、社区服务站暂停现场办理业务。</p>
<p>假日期间线上申请可以照常提交，节后第一个工作日起按提交顺序依次受理。办理时限按工作日计算，法定节假日不计入。</p>
<p>如遇紧急困难，请拨打所在街道服务站值班电话。</p>`,
  },
  {
    channel: 'policy',
    title: '《中华人民共和国退役军人保障法》要点解读',
    summary: '退役军人保障法对移交接收、退役安置、教育培训、就业创业、抚恤优待等作出全面规定。',
    body: `
<p>《中华人民共和国退役军人保障法》自 2021 年 1 月 1 日起施行，是退役军人工作的基础性法律。</p>
<h3>主要内容</h3>
<ol>
  <li><strong>移交接收：</strong>退役军人应当在规定时间内到安置地报到，安置地人民政府退役军人工作主管部门负责接收。</li>
  <li><strong>退役安置：</strong>根据服役情况，采取退休、转业、逐月领取退役金、自主就业、安排工作、供养等方式妥善安置。</li>
  <li><strong>教育培训与就业创业：</strong>退役军人享受职业技能培训、学历教育和就业创业扶持。</li>
  <li><strong>抚恤优待：</strong>国家建立退役军人优待制度，退役军人凭优待证享受交通、文化和旅游等优待。</li>
  <li><strong>褒扬激励与服务管理：</strong>县级以上人民政府设立退役军人服务中心，乡镇（街道）、村（社区）设立服务站点。</li>
</ol>
<blockquote>退役军人为国防和军队建设做出了重要贡献，是社会主义现代化建设的重要力量。尊重、关爱退役军人是全社会的共同责任。</blockquote>
<p>全文可在<a href="https://www.mva.gov.cn/">退役军人事务部网站</a>查阅。</p>`,
  },
  {
    channel: 'policy',
    title: '退役士兵社会保险接续政策问答',
    summary: '退役后养老保险、医疗保险如何接续，军龄如何计算缴费年限。',
    body: `
<h3>问：退役后养老保险怎么接续？</h3>
<p>答：退役士兵的军人退役养老保险关系随本人转入安置地（或入伍前参保地）社会保险经办机构，军龄视同缴费年限，与实际缴费年限合并计算。</p>
<h3>问：医疗保险呢？</h3>
<p>答：军人退役医疗保险同样随本人转移接续，军龄视同医疗保险缴费年限。</p>
<h3>问：需要准备哪些材料？</h3>
<table>
  <thead><tr><th>材料</th><th>说明</th></tr></thead>
  <tbody>
    <tr><td>居民身份证</td><td>原件</td></tr>
    <tr><td>退伍证</td><td>或退出现役证明</td></tr>
    <tr><td>保险关系转移接续信息表</td><td>部队开具</td></tr>
  </tbody>
</table>
<p>可在本程序“我要办事—退役士兵保险接续”中在线申请。</p>`,
  },
  {
    channel: 'policy',
    title: '退役军人优待证使用范围说明',
    summary: '凭优待证可在公共交通、文化旅游、医疗等方面享受优待，具体以各地公布的目录为准。',
    body: `
<p>退役军人优待证是退役军人享受优待服务的身份凭证，全国通用。</p>
<ul>
  <li>乘坐市内公共交通工具按当地规定享受优待；</li>
  <li>参观游览政府投资主办的公园、博物馆、纪念馆、名胜古迹等享受优待；</li>
  <li>在军队医疗机构就医享受优先服务。</li>
</ul>
<p>各项优待的具体内容以国家和省、市公布的优待目录为准。优待证仅限本人使用，不得转借。</p>`,
  },
  {
    channel: 'legal-education',
    title: '民法典中与退役军人家庭相关的规定',
    summary: '婚姻家庭、继承、合同等常见问题的法律要点。',
    body: `
<p>《中华人民共和国民法典》与每个家庭息息相关。以下是退役军人家庭常遇到的几个问题。</p>
<h3>婚姻家庭</h3>
<p>夫妻在婚姻关系存续期间所得的工资、奖金、劳务报酬等，一般为夫妻共同财产。现役军人的配偶要求离婚，应当征得军人同意，但军人一方有重大过错的除外。</p>
<h3>继承</h3>
<p>遗产按照法定继承办理时，第一顺序继承人为配偶、子女、父母。立遗嘱可以采用自书、代书、打印、录音录像、口头、公证等形式。</p>
<h3>合同</h3>
<p>签订合同前要看清条款，保留好凭证。遇到纠纷，可以协商、调解，也可以申请仲裁或者起诉。</p>
<p>有具体问题，欢迎<strong>预约每周二上午的免费法律咨询</strong>。</p>`,
  },
  {
    channel: 'legal-education',
    title: '遇到劳动纠纷怎么办',
    summary: '协商、调解、仲裁与诉讼：劳动争议的解决途径。',
    body: `
<p>退役军人就业后，如遇到拖欠工资、未签劳动合同、违法解除劳动合同等情况，可以通过以下途径解决：</p>
<ol>
  <li><strong>协商：</strong>与用人单位协商，可以请工会或第三方参与。</li>
  <li><strong>调解：</strong>向企业劳动争议调解委员会、基层人民调解组织申请调解。</li>
  <li><strong>仲裁：</strong>向劳动争议仲裁委员会申请仲裁，申请时效一般为一年，从知道或者应当知道权利被侵害之日起计算。</li>
  <li><strong>诉讼：</strong>对仲裁裁决不服的，可以在收到裁决书之日起十五日内向人民法院起诉。</li>
</ol>
<p>请注意保留劳动合同、工资条、考勤记录、聊天记录等证据。经济困难的，可以申请法律援助。</p>`,
  },
  {
    channel: 'legal-education',
    title: '防范养老诈骗，守护“钱袋子”',
    summary: '以高额回报、保健品、“以房养老”为名的诈骗手法及防范要点。',
    body: `
<p>近年来，一些不法分子以“高额回报”“免费体检”“以房养老”等为名，骗取老年人钱财。</p>
<ul>
  <li>承诺高息、保本的“投资项目”，多为非法集资；</li>
  <li>“免费讲座”“免费体检”后推销高价保健品；</li>
  <li>诱导抵押房产参与所谓“以房养老”理财。</li>
</ul>
<p>遇到可疑情况，先和家人商量，或拨打 110 咨询。已经受骗的，请保留证据，及时报警。</p>`,
  },
  {
    channel: 'guide',
    title: '退役军人优待证申领指南',
    summary: '优待证申领条件、所需材料与办理流程。',
    serviceCode: 'preferential-card',
    body: `
<h3>申领条件</h3>
<p>户籍在本区、已完成退役报到的退役军人，可以申领退役军人优待证。</p>
<h3>所需材料</h3>
<ul>
  <li>居民身份证；</li>
  <li>退伍证（或退出现役证明）；</li>
  <li>近期免冠白底证件照（jpg 或 png，正面清晰）。</li>
</ul>
<h3>办理流程</h3>
<ol>
  <li>在本程序“我要办事—优待证申领”中填写信息、上传材料并提交；</li>
  <li>社区服务站初审，区服务中心审核；</li>
  <li>审核通过后进入制证，制证完成后通知您到指定地点领取。</li>
</ol>
<p>承诺时限：<strong>20 个工作日</strong>（法定节假日不计）。材料不全的，工作人员会退回补正，补正后重新提交即可。</p>`,
  },
  {
    channel: 'guide',
    title: '困难帮扶申请指南',
    summary: '身患重病、生活困难的退役军人及家属如何申请帮扶。',
    serviceCode: 'hardship-aid',
    body: `
<p>身患重病或生活困难的退役军人、其他优抚对象，可以申请困难帮扶；本人不便的，<strong>家属可以代为申请</strong>。</p>
<h3>需要准备</h3>
<ul>
  <li>居民身份证；</li>
  <li>家庭收入情况说明；</li>
  <li>因病申请的，提供诊断证明和医疗费用票据。</li>
</ul>
<h3>办理流程</h3>
<ol>
  <li>在线填写申请。申请涉及健康、收入等敏感个人信息，需要您单独同意；</li>
  <li>服务站工作人员入户走访核实；</li>
  <li>研究确定帮扶措施，联合街道社区、民政等部门帮助解决实际困难。</li>
</ol>
<p>您的个人信息加密保存，仅经办工作人员可以查看。</p>`,
  },
  {
    channel: 'guide',
    title: '退役士兵保险接续办理指南',
    summary: '养老、医疗保险关系转移接续的材料与流程。',
    serviceCode: 'insurance-transfer',
    body: `
<p>退役士兵回本区安置或自主就业的，可以在线申请办理军人退役养老保险、医疗保险的转移接续。</p>
<h3>所需材料</h3>
<ul>
  <li>居民身份证、退伍证；</li>
  <li>军人退役养老、医疗保险关系转移接续信息表；</li>
  <li>入伍前曾参保的，提供参保证明。</li>
</ul>
<p>提交后由区服务中心协同社保部门办理，承诺时限 15 个工作日。</p>`,
  },
];

export const demoArticles: DemoArticle[] = sources.map((source) => {
  const { html, text } = sanitizeArticleHtml(source.body);
  return {
    ...source,
    body: html,
    bodyText: text,
    status: 'published',
  };
});
