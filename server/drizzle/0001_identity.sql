CREATE TABLE `refresh_tokens` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`token_hash` char(64) NOT NULL,
	`chain_id` char(36) NOT NULL,
	`principal_type` enum('citizen','staff') NOT NULL,
	`principal_id` bigint unsigned NOT NULL,
	`expires_at` datetime(3) NOT NULL,
	`rotated_at` datetime(3),
	`revoked_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `refresh_tokens_id` PRIMARY KEY(`id`),
	CONSTRAINT `refresh_tokens_token_hash_unique` UNIQUE(`token_hash`)
);
--> statement-breakpoint
CREATE TABLE `sms_codes` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`phone_hash` char(64) NOT NULL,
	`code_hash` char(64) NOT NULL,
	`ip_hash` char(64) NOT NULL,
	`attempts` smallint NOT NULL DEFAULT 0,
	`expires_at` datetime(3) NOT NULL,
	`consumed_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `sms_codes_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `wechat_access_tokens` (
	`app_id` varchar(64) NOT NULL,
	`token` varchar(512) NOT NULL,
	`expires_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `wechat_access_tokens_app_id` PRIMARY KEY(`app_id`)
);
--> statement-breakpoint
CREATE TABLE `staff_accounts` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`username` varchar(64) NOT NULL,
	`display_name` varchar(64) NOT NULL,
	`password_hash` varchar(255) NOT NULL,
	`role` enum('staff','lawyer','admin') NOT NULL,
	`unit_id` bigint unsigned NOT NULL,
	`is_supervisor` boolean NOT NULL DEFAULT false,
	`active` boolean NOT NULL DEFAULT true,
	`must_change_password` boolean NOT NULL DEFAULT true,
	`failed_attempts` smallint NOT NULL DEFAULT 0,
	`locked_until` datetime(3),
	`password_changed_at` datetime(3),
	`last_login_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `staff_accounts_id` PRIMARY KEY(`id`),
	CONSTRAINT `staff_accounts_username_unique` UNIQUE(`username`)
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`kind` enum('veteran','family') NOT NULL DEFAULT 'veteran',
	`openid` varchar(64),
	`phone_cipher` varchar(255),
	`phone_hash` char(64),
	`name_cipher` varchar(255),
	`id_number_cipher` varchar(255),
	`id_number_hash` char(64),
	`birth_date` date,
	`gender` enum('male','female'),
	`veteran_status` enum('none','pending','verified','rejected') NOT NULL DEFAULT 'none',
	`verified_at` datetime(3),
	`verified_by` bigint unsigned,
	`verification_note` varchar(500),
	`discharge_date` date,
	`community_unit_id` bigint unsigned,
	`care_mode` boolean NOT NULL DEFAULT false,
	`deleted_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `users_id` PRIMARY KEY(`id`),
	CONSTRAINT `users_openid_unique` UNIQUE(`openid`),
	CONSTRAINT `users_phone_hash_unique` UNIQUE(`phone_hash`),
	CONSTRAINT `users_id_number_hash_unique` UNIQUE(`id_number_hash`)
);
--> statement-breakpoint
CREATE TABLE `consents` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`kind` enum('privacy-policy','sensitive-info') NOT NULL,
	`version` varchar(32) NOT NULL,
	`granted` enum('granted','withdrawn') NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `consents_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `family_links` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`family_user_id` bigint unsigned NOT NULL,
	`veteran_user_id` bigint unsigned NOT NULL,
	`relationship` enum('spouse','child','parent','sibling','other') NOT NULL,
	`status` enum('pending','active','rejected','ended') NOT NULL DEFAULT 'pending',
	`decided_at` datetime(3),
	`decided_by` varchar(32),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `family_links_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `roster_imports` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`file_name` varchar(255) NOT NULL,
	`imported_by` bigint unsigned NOT NULL,
	`total_rows` int NOT NULL,
	`added_rows` int NOT NULL,
	`unchanged_rows` int NOT NULL,
	`rejected_rows` int NOT NULL,
	`rejections` json NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `roster_imports_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `veteran_roster` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`id_number_hash` char(64) NOT NULL,
	`id_number_cipher` varchar(255) NOT NULL,
	`name_cipher` varchar(255) NOT NULL,
	`name_hash` char(64) NOT NULL,
	`discharge_date` date,
	`community_unit_id` bigint unsigned NOT NULL,
	`import_id` bigint unsigned NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `veteran_roster_id` PRIMARY KEY(`id`),
	CONSTRAINT `veteran_roster_id_number_hash_unique` UNIQUE(`id_number_hash`)
);
--> statement-breakpoint
ALTER TABLE `audit_log` ADD `ip` varchar(45);--> statement-breakpoint
CREATE INDEX `refresh_tokens_chain_idx` ON `refresh_tokens` (`chain_id`);--> statement-breakpoint
CREATE INDEX `refresh_tokens_principal_idx` ON `refresh_tokens` (`principal_type`,`principal_id`);--> statement-breakpoint
CREATE INDEX `sms_codes_phone_idx` ON `sms_codes` (`phone_hash`,`created_at`);--> statement-breakpoint
CREATE INDEX `sms_codes_ip_idx` ON `sms_codes` (`ip_hash`,`created_at`);--> statement-breakpoint
CREATE INDEX `staff_accounts_unit_idx` ON `staff_accounts` (`unit_id`);--> statement-breakpoint
CREATE INDEX `users_veteran_status_idx` ON `users` (`veteran_status`,`community_unit_id`);--> statement-breakpoint
CREATE INDEX `users_community_idx` ON `users` (`community_unit_id`);--> statement-breakpoint
CREATE INDEX `consents_user_idx` ON `consents` (`user_id`,`kind`,`created_at`);--> statement-breakpoint
CREATE INDEX `family_links_family_idx` ON `family_links` (`family_user_id`,`status`);--> statement-breakpoint
CREATE INDEX `family_links_veteran_idx` ON `family_links` (`veteran_user_id`,`status`);--> statement-breakpoint
CREATE INDEX `veteran_roster_community_idx` ON `veteran_roster` (`community_unit_id`);