CREATE TABLE `legal_bookings` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`slot_id` bigint unsigned NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`subject_user_id` bigint unsigned NOT NULL,
	`topic` enum('marriage-family','labour','resettlement','social-security','housing','contract','other') NOT NULL,
	`description` varchar(500) NOT NULL,
	`status` enum('booked','cancelled','cancelled_by_centre','checked_in','no_show') NOT NULL DEFAULT 'booked',
	`walk_in` boolean NOT NULL DEFAULT false,
	`cancel_reason` varchar(200),
	`checked_in_at` datetime(3),
	`reminder_sent_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `legal_bookings_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `legal_closures` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`day` date NOT NULL,
	`start_time` char(5),
	`end_time` char(5),
	`reason` varchar(200) NOT NULL,
	`created_by` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `legal_closures_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `legal_consultation_records` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`booking_id` bigint unsigned NOT NULL,
	`lawyer_staff_id` bigint unsigned NOT NULL,
	`category` enum('marriage-family','labour','resettlement','social-security','housing','contract','other') NOT NULL,
	`summary_cipher` text NOT NULL,
	`advice_cipher` text NOT NULL,
	`legal_aid_advised` boolean NOT NULL,
	`follow_up_advised` boolean NOT NULL,
	`follow_up_request_id` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `legal_consultation_records_id` PRIMARY KEY(`id`),
	CONSTRAINT `legal_records_booking_unique` UNIQUE(`booking_id`)
);
--> statement-breakpoint
CREATE TABLE `legal_rule_change_impacts` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`booking_id` bigint unsigned NOT NULL,
	`reason` varchar(200) NOT NULL,
	`handled_at` datetime(3),
	`handled_by` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `legal_rule_change_impacts_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `legal_schedule_rules` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`place` varchar(200) NOT NULL,
	`weekdays` json NOT NULL,
	`start_time` char(5) NOT NULL,
	`end_time` char(5) NOT NULL,
	`slot_minutes` smallint NOT NULL,
	`capacity` smallint NOT NULL,
	`weeks_ahead` smallint NOT NULL,
	`booking_cutoff_days_before` smallint NOT NULL,
	`booking_cutoff_time` char(5) NOT NULL,
	`cancel_cutoff_days_before` smallint NOT NULL,
	`cancel_cutoff_time` char(5) NOT NULL,
	`valid_from` date NOT NULL,
	`valid_to` date,
	`active` boolean NOT NULL DEFAULT true,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `legal_schedule_rules_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `legal_slots` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`rule_id` bigint unsigned NOT NULL,
	`starts_at` datetime(3) NOT NULL,
	`ends_at` datetime(3) NOT NULL,
	`place` varchar(200) NOT NULL,
	`capacity` smallint NOT NULL,
	`booked` smallint NOT NULL DEFAULT 0,
	`closed_reason` varchar(200),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `legal_slots_id` PRIMARY KEY(`id`),
	CONSTRAINT `legal_slots_rule_start_unique` UNIQUE(`rule_id`,`starts_at`)
);
--> statement-breakpoint
CREATE TABLE `legal_waitlist` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`slot_id` bigint unsigned NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`subject_user_id` bigint unsigned NOT NULL,
	`topic` enum('marriage-family','labour','resettlement','social-security','housing','contract','other') NOT NULL,
	`description` varchar(500) NOT NULL,
	`status` enum('waiting','promoted','skipped','cancelled','closed') NOT NULL DEFAULT 'waiting',
	`booking_id` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `legal_waitlist_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE INDEX `legal_bookings_slot_idx` ON `legal_bookings` (`slot_id`,`status`);--> statement-breakpoint
CREATE INDEX `legal_bookings_user_idx` ON `legal_bookings` (`user_id`,`status`);--> statement-breakpoint
CREATE INDEX `legal_bookings_subject_idx` ON `legal_bookings` (`subject_user_id`,`status`);--> statement-breakpoint
CREATE INDEX `legal_closures_day_idx` ON `legal_closures` (`day`);--> statement-breakpoint
CREATE INDEX `legal_impacts_open_idx` ON `legal_rule_change_impacts` (`handled_at`,`created_at`);--> statement-breakpoint
CREATE INDEX `legal_impacts_booking_idx` ON `legal_rule_change_impacts` (`booking_id`);--> statement-breakpoint
CREATE INDEX `legal_slots_start_idx` ON `legal_slots` (`starts_at`);--> statement-breakpoint
CREATE INDEX `legal_waitlist_slot_idx` ON `legal_waitlist` (`slot_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `legal_waitlist_user_idx` ON `legal_waitlist` (`user_id`,`status`);