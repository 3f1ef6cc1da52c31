ALTER TABLE `legal_bookings` MODIFY COLUMN `description` varchar(2200) NOT NULL;--> statement-breakpoint
ALTER TABLE `legal_waitlist` MODIFY COLUMN `description` varchar(2200) NOT NULL;