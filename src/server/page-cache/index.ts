// The page cache (issue 16): rendered pages answered again until the data they show changes.
export { createPageCache, registerPageCache, unregisterPageCache, PAGE_CACHE_KEY, PAGE_CACHE_HEADER, type PageCacheHandler, type PageCacheOptions } from "./page-cache";
export { listenForDataChanges, DATA_LISTENER_APPLICATION_NAME } from "./data-change-listener";
export { CACHED_PAGES } from "./internal/cacheable";
