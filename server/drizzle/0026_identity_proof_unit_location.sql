ALTER TABLE `org_units` ADD `latitude` double;--> statement-breakpoint
ALTER TABLE `org_units` ADD `longitude` double;--> statement-breakpoint
ALTER TABLE `uploads` ADD `identity_user_id` bigint unsigned;--> statement-breakpoint
CREATE INDEX `uploads_identity_idx` ON `uploads` (`identity_user_id`);