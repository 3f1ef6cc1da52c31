CREATE TABLE `request_stats_changes` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`unit_id` bigint unsigned NOT NULL,
	`month` int NOT NULL,
	`service_code` enum('preferential-card','insurance-transfer','resettlement','hardship-aid','appeal','policy-question') NOT NULL,
	`status` enum('draft','submitted','accepted','processing','needs_supplement','completed','rejected','withdrawn') NOT NULL,
	`channel` enum('online','counter','phone','home') NOT NULL,
	`working_days` smallint NOT NULL,
	`on_time` tinyint NOT NULL,
	`delta` tinyint NOT NULL,
	CONSTRAINT `request_stats_changes_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `request_stats_months` (
	`unit_id` bigint unsigned NOT NULL,
	`month` int NOT NULL,
	`service_code` enum('preferential-card','insurance-transfer','resettlement','hardship-aid','appeal','policy-question') NOT NULL,
	`status` enum('draft','submitted','accepted','processing','needs_supplement','completed','rejected','withdrawn') NOT NULL,
	`channel` enum('online','counter','phone','home') NOT NULL,
	`working_days` smallint NOT NULL,
	`on_time` tinyint NOT NULL,
	`requests` int NOT NULL,
	CONSTRAINT `request_stats_months_pk` PRIMARY KEY(`unit_id`,`month`,`service_code`,`status`,`channel`,`working_days`,`on_time`)
);
--> statement-breakpoint
-- The rollups of the requests already stored (modules/stats/rollups.ts rebuildRequestStats, as of this release).
INSERT INTO `request_stats_months`
  (`unit_id`, `month`, `service_code`, `status`, `channel`, `working_days`, `on_time`, `requests`)
  SELECT `unit_id`, `submitted_month`, `service_code`, `status`, `channel`,
         IF(`status` = 'completed' AND `handling_working_days` IS NOT NULL, `handling_working_days`, -1),
         IF(`status` = 'completed' AND `handling_working_days` IS NOT NULL,
            COALESCE(DATE(`completed_at` + INTERVAL 8 HOUR) <= `due_date`, 2), 2),
         COUNT(*)
    FROM `service_requests`
   WHERE `unit_id` IS NOT NULL AND `submitted_at` IS NOT NULL
   GROUP BY 1, 2, 3, 4, 5, 6, 7;
