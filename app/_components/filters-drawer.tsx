'use client';
/** Small screens (< 48em): a "Filters" button opening the facets in a drawer. Hidden by CSS on wider screens. */
import { Button, Drawer } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import classes from './facets.module.css';

export function FiltersDrawer({ selectedCount, children }: { selectedCount: number; children: ReactNode }) {
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <div className={classes.filtersButton}>
      <Button variant="default" onClick={open} aria-haspopup="dialog" aria-expanded={opened} fullWidth>
        Filters{selectedCount > 0 ? ` (${selectedCount} selected)` : ''}
      </Button>
      <Drawer opened={opened} onClose={close} title="Filters" position="left" size="min(22rem, 90vw)" closeButtonProps={{ 'aria-label': 'Close filters' }}>
        {children}
      </Drawer>
    </div>
  );
}
