DROP INDEX `articles_channel_published_idx` ON `articles`;--> statement-breakpoint
ALTER TABLE `articles` ADD `status` enum('draft','published','unpublished') DEFAULT 'draft' NOT NULL;--> statement-breakpoint
ALTER TABLE `articles` ADD `body_text` mediumtext;--> statement-breakpoint
CREATE INDEX `articles_list_idx` ON `articles` (`status`,`channel`,`pinned`,`published_at`);--> statement-breakpoint
CREATE INDEX `articles_feed_idx` ON `articles` (`status`,`pinned`,`published_at`);--> statement-breakpoint
CREATE INDEX `articles_service_idx` ON `articles` (`service_code`,`status`);--> statement-breakpoint
CREATE INDEX `service_requests_stats_idx` ON `service_requests` (`unit_id`,`submitted_at`,`service_code`,`status`,`completed_at`,`due_date`);--> statement-breakpoint
CREATE INDEX `users_community_verified_idx` ON `users` (`community_unit_id`,`verified_at`);--> statement-breakpoint
UPDATE `articles` SET `status` = 'published' WHERE `published_at` IS NOT NULL;--> statement-breakpoint
UPDATE `articles` SET `body_text` = REGEXP_REPLACE(`body`, '<[^>]*>', '') WHERE `body_text` IS NULL;
