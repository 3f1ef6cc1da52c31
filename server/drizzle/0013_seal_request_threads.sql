ALTER TABLE `request_messages` MODIFY COLUMN `body` text;--> statement-breakpoint
ALTER TABLE `request_messages` ADD `body_cipher` text;