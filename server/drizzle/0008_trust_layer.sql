CREATE TABLE `auth_sessions` (
	`id` char(36) NOT NULL,
	`principal_type` enum('citizen','staff') NOT NULL,
	`principal_id` bigint unsigned NOT NULL,
	`revoked_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `auth_sessions_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
ALTER TABLE `articles` ADD `unit_id` bigint unsigned;--> statement-breakpoint
ALTER TABLE `roster_imports` ADD `unit_id` bigint unsigned;--> statement-breakpoint
CREATE INDEX `auth_sessions_principal_idx` ON `auth_sessions` (`principal_type`,`principal_id`);--> statement-breakpoint
INSERT INTO `auth_sessions` (`id`, `principal_type`, `principal_id`, `revoked_at`, `created_at`)
SELECT `chain_id`, MIN(`principal_type`), MIN(`principal_id`),
  CASE WHEN SUM(`revoked_at` IS NULL) = 0 THEN MAX(`revoked_at`) END, MIN(`created_at`)
FROM `refresh_tokens` GROUP BY `chain_id`;--> statement-breakpoint
UPDATE `articles` LEFT JOIN `staff_accounts` ON `staff_accounts`.`id` = `articles`.`author_id`
SET `articles`.`unit_id` = COALESCE(`staff_accounts`.`unit_id`,
  (SELECT `org_units`.`id` FROM `org_units` WHERE `org_units`.`parent_id` IS NULL ORDER BY `org_units`.`id` LIMIT 1))
WHERE `articles`.`unit_id` IS NULL;--> statement-breakpoint
UPDATE `roster_imports` JOIN `staff_accounts` ON `staff_accounts`.`id` = `roster_imports`.`imported_by`
SET `roster_imports`.`unit_id` = `staff_accounts`.`unit_id`
WHERE `roster_imports`.`unit_id` IS NULL;
