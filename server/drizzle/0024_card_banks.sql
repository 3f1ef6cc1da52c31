CREATE TABLE `card_banks` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`name` varchar(50) NOT NULL,
	`active` boolean NOT NULL DEFAULT true,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `card_banks_id` PRIMARY KEY(`id`),
	CONSTRAINT `card_banks_name_unique` UNIQUE(`name`)
);
--> statement-breakpoint
-- The first national partners of the 优待证 (Ministry of Veterans Affairs notice); the admin keeps the list from here.
INSERT INTO `card_banks` (`name`) VALUES ('中国工商银行'), ('中国农业银行'), ('中国邮政储蓄银行'), ('中国光大银行');
