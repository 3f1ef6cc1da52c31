ALTER TABLE `veteran_roster` ADD `phone_cipher` varchar(255);--> statement-breakpoint
ALTER TABLE `veteran_roster` ADD `phone_hash` char(64);