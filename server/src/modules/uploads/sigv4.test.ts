import { describe, expect, it } from 'vitest';
import { amzDate, authorizationHeader, EMPTY_PAYLOAD_HASH, uriEncode, uriEncodePath } from './sigv4';

describe('Signature Version 4', () => {
  it('matches the GET Object example of the AWS documentation', () => {
    const authorization = authorizationHeader(
      {
        method: 'GET',
        path: '/test.txt',
        headers: {
          Host: 'examplebucket.s3.amazonaws.com',
          Range: 'bytes=0-9',
          'x-amz-content-sha256': EMPTY_PAYLOAD_HASH,
          'x-amz-date': '20130524T000000Z',
        },
        payloadHash: EMPTY_PAYLOAD_HASH,
        date: new Date('2013-05-24T00:00:00Z'),
      },
      {
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        region: 'us-east-1',
        service: 's3',
      },
    );
    expect(authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, ' +
        'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, ' +
        'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });

  it('encodes paths the way S3 expects', () => {
    expect(uriEncode("a b+c!'()*~._-")).toBe('a%20b%2Bc%21%27%28%29%2A~._-');
    expect(uriEncodePath('2026/11/中')).toBe('2026/11/%E4%B8%AD');
    expect(amzDate(new Date('2026-11-26T01:02:03.456Z'))).toBe('20261126T010203Z');
  });
});
