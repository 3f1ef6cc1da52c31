DROP INDEX `service_requests_counts_idx` ON `service_requests`;--> statement-breakpoint
ALTER TABLE `service_requests` ADD `channel` enum('online','counter','phone','home') DEFAULT 'online' NOT NULL;--> statement-breakpoint
ALTER TABLE `service_requests` ADD `filed_by_staff_id` bigint unsigned;--> statement-breakpoint
ALTER TABLE `users` ADD `counter_registered_by` bigint unsigned;--> statement-breakpoint
ALTER TABLE `users` ADD `counter_registered_at` datetime(3);--> statement-breakpoint
ALTER TABLE `users` ADD `counter_phone_cipher` varchar(255);--> statement-breakpoint
ALTER TABLE `users` ADD `counter_phone_hash` char(64);--> statement-breakpoint
ALTER TABLE `consents` ADD `method` enum('online','in-person','paper-form') DEFAULT 'online' NOT NULL;--> statement-breakpoint
ALTER TABLE `consents` ADD `recorded_by` bigint unsigned;--> statement-breakpoint
CREATE INDEX `service_requests_counts_idx` ON `service_requests` (`unit_id`,`submitted_month`,`service_code`,`status`,`submitted_at`,`channel`);