DROP INDEX `service_requests_stats_idx` ON `service_requests`;--> statement-breakpoint
ALTER TABLE `service_requests` ADD `handling_working_days` smallint unsigned;--> statement-breakpoint
CREATE INDEX `service_requests_stats_idx` ON `service_requests` (`unit_id`,`submitted_at`,`service_code`,`status`,`completed_at`,`due_date`,`handling_working_days`);