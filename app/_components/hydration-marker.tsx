'use client';
import { useEffect } from 'react';

/**
 * Marks `<html data-hydrated>` once React has hydrated the page, so browser tests (and anyone
 * scripting the UI) can wait until the page's handlers are attached before typing or pressing keys.
 */
export function HydrationMarker() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = 'true';
  }, []);
  return null;
}
