CREATE TABLE `conflict_guards` (
	`name` varchar(120) NOT NULL,
	`version` bigint unsigned NOT NULL DEFAULT 0,
	CONSTRAINT `conflict_guards_name` PRIMARY KEY(`name`)
);
--> statement-breakpoint
ALTER TABLE `request_number_counters` ADD `shard` tinyint unsigned DEFAULT 0 NOT NULL, DROP PRIMARY KEY, ADD PRIMARY KEY(`day`,`shard`);--> statement-breakpoint
-- Numbers already issued on a day (1…n from the single counter) stay unique: every shard of the day starts above
-- them (shard s, value v gives sequence (v - 1) * 16 + s + 1; see modules/requests/numbering.ts).
INSERT INTO `request_number_counters` (`day`, `shard`, `last_value`)
  SELECT `c`.`day`, `s`.`shard`, CEIL(`c`.`last_value` / 16)
  FROM `request_number_counters` `c`
  CROSS JOIN (SELECT 1 AS `shard` UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5
    UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9 UNION ALL SELECT 10
    UNION ALL SELECT 11 UNION ALL SELECT 12 UNION ALL SELECT 13 UNION ALL SELECT 14 UNION ALL SELECT 15) `s`
  WHERE `c`.`shard` = 0;--> statement-breakpoint
UPDATE `request_number_counters` SET `last_value` = CEIL(`last_value` / 16) WHERE `shard` = 0;
