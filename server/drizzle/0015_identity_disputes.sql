CREATE TABLE `identity_disputes` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`claimant_user_id` bigint unsigned NOT NULL,
	`holder_user_id` bigint unsigned NOT NULL,
	`id_number_hash` char(64) NOT NULL,
	`id_number_cipher` varchar(255) NOT NULL,
	`name_cipher` varchar(255) NOT NULL,
	`name_hash` char(64) NOT NULL,
	`community_unit_id` bigint unsigned,
	`holder_status_before` enum('none','pending','verified','rejected') NOT NULL,
	`status` enum('open','claimant','holder') NOT NULL DEFAULT 'open',
	`decided_by` bigint unsigned,
	`decided_at` datetime(3),
	`note` varchar(500),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `identity_disputes_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
ALTER TABLE `uploads` ADD `dispute_id` bigint unsigned;--> statement-breakpoint
CREATE INDEX `identity_disputes_status_idx` ON `identity_disputes` (`status`,`community_unit_id`);--> statement-breakpoint
CREATE INDEX `identity_disputes_claimant_idx` ON `identity_disputes` (`claimant_user_id`,`status`);--> statement-breakpoint
CREATE INDEX `identity_disputes_holder_idx` ON `identity_disputes` (`holder_user_id`,`status`);