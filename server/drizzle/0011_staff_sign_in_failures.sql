CREATE TABLE `staff_sign_in_failures` (
	`name_hash` char(64) NOT NULL,
	`client_hash` varchar(64) NOT NULL,
	`failed_attempts` smallint NOT NULL DEFAULT 0,
	`locked_until` datetime(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `staff_sign_in_failures_name_hash_client_hash_pk` PRIMARY KEY(`name_hash`,`client_hash`)
);
