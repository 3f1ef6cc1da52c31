CREATE TABLE `job_runs` (
	`name` varchar(64) NOT NULL,
	`lease_until` datetime(3) NOT NULL,
	`last_started_at` datetime(3),
	`last_finished_at` datetime(3),
	CONSTRAINT `job_runs_name` PRIMARY KEY(`name`)
);
