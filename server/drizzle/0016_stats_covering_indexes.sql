DROP INDEX `service_requests_stats_idx` ON `service_requests`;--> statement-breakpoint
DROP INDEX `users_community_verified_idx` ON `users`;--> statement-breakpoint
CREATE INDEX `service_requests_stats_idx` ON `service_requests` (`status`,`unit_id`,`submitted_at`,`service_code`,`handling_working_days`,`completed_at`,`due_date`);--> statement-breakpoint
CREATE INDEX `users_community_verified_idx` ON `users` (`community_unit_id`,`verified_at`,`veteran_status`,`deleted_at`);