export { parseExposition, type Sample, scrape, total } from '@academy/testing';
