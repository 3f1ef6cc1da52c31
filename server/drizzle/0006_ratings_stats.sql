ALTER TABLE `ratings` ADD `unit_id` bigint unsigned;--> statement-breakpoint
ALTER TABLE `ratings` ADD `request_submitted_at` datetime(3);--> statement-breakpoint
UPDATE `ratings` JOIN `service_requests` ON `service_requests`.`id` = `ratings`.`request_id` SET `ratings`.`unit_id` = `service_requests`.`unit_id`, `ratings`.`request_submitted_at` = COALESCE(`service_requests`.`submitted_at`, `ratings`.`created_at`);--> statement-breakpoint
ALTER TABLE `ratings` MODIFY COLUMN `request_submitted_at` datetime(3) NOT NULL;--> statement-breakpoint
CREATE INDEX `ratings_stats_idx` ON `ratings` (`unit_id`,`request_submitted_at`,`level`);
