CREATE TABLE `home_filing_requests` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`person_user_id` bigint unsigned NOT NULL,
	`requested_by_user_id` bigint unsigned NOT NULL,
	`unit_id` bigint unsigned NOT NULL,
	`service_code` enum('preferential-card','insurance-transfer','resettlement','hardship-aid','appeal','policy-question') NOT NULL,
	`reason` enum('age_80','illness','bedridden','other') NOT NULL,
	`reason_note_cipher` text,
	`address_cipher` text NOT NULL,
	`contact_phone_cipher` text,
	`status` enum('requested','scheduled','visited','cancelled') NOT NULL DEFAULT 'requested',
	`visit_date` date,
	`schedule_note` varchar(200),
	`scheduled_by` bigint unsigned,
	`visited_at` datetime(3),
	`visited_by` bigint unsigned,
	`findings_cipher` text,
	`filed_request_id` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `home_filing_requests_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE INDEX `home_filing_unit_status_idx` ON `home_filing_requests` (`unit_id`,`status`);--> statement-breakpoint
CREATE INDEX `home_filing_person_idx` ON `home_filing_requests` (`person_user_id`);--> statement-breakpoint
CREATE INDEX `home_filing_requested_by_idx` ON `home_filing_requests` (`requested_by_user_id`);