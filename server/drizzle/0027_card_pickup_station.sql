ALTER TABLE `org_units` ADD `opening_hours` varchar(100);--> statement-breakpoint
ALTER TABLE `service_requests` ADD `pickup_unit_id` bigint unsigned;