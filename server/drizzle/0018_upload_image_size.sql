ALTER TABLE `uploads` ADD `image_width` int;--> statement-breakpoint
ALTER TABLE `uploads` ADD `image_height` int;