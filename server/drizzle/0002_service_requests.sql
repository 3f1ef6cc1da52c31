CREATE TABLE `holiday_overrides` (
	`day` date NOT NULL,
	`kind` enum('holiday','workday') NOT NULL,
	`name` varchar(50) NOT NULL,
	`created_by` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `holiday_overrides_day` PRIMARY KEY(`day`)
);
--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`recipient_type` enum('citizen','staff') NOT NULL,
	`recipient_id` bigint unsigned NOT NULL,
	`kind` varchar(48) NOT NULL,
	`title` varchar(100) NOT NULL,
	`body` varchar(500) NOT NULL,
	`link` varchar(255),
	`read_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `notifications_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`channel` enum('wechat-subscribe') NOT NULL,
	`dedupe_key` varchar(128) NOT NULL,
	`recipient_type` enum('citizen','staff') NOT NULL,
	`recipient_id` bigint unsigned NOT NULL,
	`template` varchar(48) NOT NULL,
	`payload` json NOT NULL,
	`status` enum('pending','sending','sent','failed','skipped') NOT NULL DEFAULT 'pending',
	`attempts` smallint NOT NULL DEFAULT 0,
	`next_attempt_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`locked_until` datetime(3),
	`last_error` text,
	`sent_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `outbox_id` PRIMARY KEY(`id`),
	CONSTRAINT `outbox_dedupe_key_unique` UNIQUE(`dedupe_key`)
);
--> statement-breakpoint
CREATE TABLE `subscription_grants` (
	`user_id` bigint unsigned NOT NULL,
	`template` varchar(48) NOT NULL,
	`remaining` int NOT NULL DEFAULT 0,
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `subscription_grants_user_id_template_pk` PRIMARY KEY(`user_id`,`template`)
);
--> statement-breakpoint
CREATE TABLE `appeal_meetings` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`request_id` bigint unsigned NOT NULL,
	`scheduled_at` datetime(3) NOT NULL,
	`place` varchar(200) NOT NULL,
	`note` text,
	`created_by` bigint unsigned NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `appeal_meetings_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `canned_replies` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`unit_id` bigint unsigned,
	`title` varchar(100) NOT NULL,
	`body` text NOT NULL,
	`created_by` bigint unsigned NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `canned_replies_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `home_visits` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`request_id` bigint unsigned NOT NULL,
	`staff_id` bigint unsigned NOT NULL,
	`visit_date` date NOT NULL,
	`findings_cipher` text NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `home_visits_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`user_id` bigint unsigned NOT NULL,
	`idempotency_key` varchar(128) NOT NULL,
	`scope` varchar(64) NOT NULL,
	`request_id` bigint unsigned NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `idempotency_keys_user_id_idempotency_key_pk` PRIMARY KEY(`user_id`,`idempotency_key`)
);
--> statement-breakpoint
CREATE TABLE `rating_follow_ups` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`rating_id` bigint unsigned NOT NULL,
	`request_id` bigint unsigned NOT NULL,
	`unit_id` bigint unsigned NOT NULL,
	`status` enum('open','closed') NOT NULL DEFAULT 'open',
	`closed_by` bigint unsigned,
	`closed_at` datetime(3),
	`note` text,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `rating_follow_ups_id` PRIMARY KEY(`id`),
	CONSTRAINT `rating_follow_ups_rating_unique` UNIQUE(`rating_id`)
);
--> statement-breakpoint
CREATE TABLE `ratings` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`request_id` bigint unsigned NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`level` tinyint NOT NULL,
	`comment` varchar(500),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `ratings_id` PRIMARY KEY(`id`),
	CONSTRAINT `ratings_request_unique` UNIQUE(`request_id`)
);
--> statement-breakpoint
CREATE TABLE `request_events` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`request_id` bigint unsigned NOT NULL,
	`actor_type` enum('citizen','staff','system') NOT NULL,
	`actor_id` bigint unsigned,
	`action` varchar(32) NOT NULL,
	`from_status` enum('draft','submitted','accepted','processing','needs_supplement','completed','rejected','withdrawn'),
	`to_status` enum('draft','submitted','accepted','processing','needs_supplement','completed','rejected','withdrawn'),
	`comment` text,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `request_events_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `request_messages` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`request_id` bigint unsigned NOT NULL,
	`author_type` enum('citizen','staff') NOT NULL,
	`author_id` bigint unsigned NOT NULL,
	`visibility` enum('public','internal') NOT NULL,
	`body` text NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `request_messages_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `request_number_counters` (
	`day` char(8) NOT NULL,
	`last_value` int NOT NULL,
	CONSTRAINT `request_number_counters_day` PRIMARY KEY(`day`)
);
--> statement-breakpoint
CREATE TABLE `service_requests` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`number` varchar(20),
	`service_code` enum('preferential-card','insurance-transfer','resettlement','hardship-aid','appeal','policy-question') NOT NULL,
	`status` enum('draft','submitted','accepted','processing','needs_supplement','completed','rejected','withdrawn') NOT NULL DEFAULT 'draft',
	`applicant_user_id` bigint unsigned NOT NULL,
	`subject_user_id` bigint unsigned NOT NULL,
	`unit_id` bigint unsigned,
	`assignee_staff_id` bigint unsigned,
	`form_data` json,
	`form_cipher` text,
	`stage` varchar(32),
	`pickup_place` varchar(200),
	`resolution_note` text,
	`draft_expires_at` datetime(3),
	`draft_reminder_sent_at` datetime(3),
	`submitted_at` datetime(3),
	`due_date` date,
	`completed_at` datetime(3),
	`due_soon_notified_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `service_requests_id` PRIMARY KEY(`id`),
	CONSTRAINT `service_requests_number_unique` UNIQUE(`number`)
);
--> statement-breakpoint
CREATE TABLE `uploads` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`public_id` varchar(64) NOT NULL,
	`uploader_type` enum('citizen','staff') NOT NULL,
	`uploader_id` bigint unsigned NOT NULL,
	`request_id` bigint unsigned,
	`storage_key` varchar(255) NOT NULL,
	`file_name` varchar(255) NOT NULL,
	`mime_type` varchar(64) NOT NULL,
	`size_bytes` int NOT NULL,
	`sha256` char(64) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `uploads_id` PRIMARY KEY(`id`),
	CONSTRAINT `uploads_public_id_unique` UNIQUE(`public_id`)
);
--> statement-breakpoint
ALTER TABLE `users` ADD `name_hash` char(64);--> statement-breakpoint
CREATE INDEX `notifications_recipient_idx` ON `notifications` (`recipient_type`,`recipient_id`,`read_at`,`id`);--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `appeal_meetings_request_idx` ON `appeal_meetings` (`request_id`);--> statement-breakpoint
CREATE INDEX `canned_replies_unit_idx` ON `canned_replies` (`unit_id`);--> statement-breakpoint
CREATE INDEX `home_visits_request_idx` ON `home_visits` (`request_id`);--> statement-breakpoint
CREATE INDEX `rating_follow_ups_unit_status_idx` ON `rating_follow_ups` (`unit_id`,`status`);--> statement-breakpoint
CREATE INDEX `ratings_created_idx` ON `ratings` (`created_at`);--> statement-breakpoint
CREATE INDEX `request_events_request_idx` ON `request_events` (`request_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `request_messages_request_idx` ON `request_messages` (`request_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `service_requests_unit_queue_idx` ON `service_requests` (`unit_id`,`status`,`due_date`);--> statement-breakpoint
CREATE INDEX `service_requests_status_due_idx` ON `service_requests` (`status`,`due_date`);--> statement-breakpoint
CREATE INDEX `service_requests_applicant_idx` ON `service_requests` (`applicant_user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `service_requests_subject_idx` ON `service_requests` (`subject_user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `service_requests_assignee_idx` ON `service_requests` (`assignee_staff_id`,`status`);--> statement-breakpoint
CREATE INDEX `service_requests_submitted_idx` ON `service_requests` (`submitted_at`);--> statement-breakpoint
CREATE INDEX `service_requests_draft_expiry_idx` ON `service_requests` (`status`,`draft_expires_at`);--> statement-breakpoint
CREATE INDEX `uploads_request_idx` ON `uploads` (`request_id`);--> statement-breakpoint
CREATE INDEX `uploads_uploader_idx` ON `uploads` (`uploader_type`,`uploader_id`);--> statement-breakpoint
CREATE INDEX `users_name_hash_idx` ON `users` (`name_hash`);