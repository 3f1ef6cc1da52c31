ALTER TABLE `legal_bookings` ADD `channel` enum('online','counter','phone') DEFAULT 'online' NOT NULL;--> statement-breakpoint
ALTER TABLE `legal_bookings` ADD `booked_by_staff_id` bigint unsigned;--> statement-breakpoint
-- Walk-ins were always registered by staff at the centre: they are counter bookings.
UPDATE `legal_bookings` SET `channel` = 'counter' WHERE `walk_in` = 1;
