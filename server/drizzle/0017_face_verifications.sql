CREATE TABLE `face_verifications` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`out_seq_no` varchar(32) NOT NULL,
	`verify_id` varchar(256) NOT NULL,
	`status` enum('open','passed','failed') NOT NULL DEFAULT 'open',
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`decided_at` datetime(3),
	CONSTRAINT `face_verifications_id` PRIMARY KEY(`id`),
	CONSTRAINT `face_verifications_out_seq_no_unique` UNIQUE(`out_seq_no`)
);
--> statement-breakpoint
CREATE INDEX `face_verifications_user_idx` ON `face_verifications` (`user_id`,`created_at`);