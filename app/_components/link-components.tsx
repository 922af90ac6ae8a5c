'use client';
/**
 * Mantine components rendered as next/link links. Server components cannot pass `component={Link}`
 * (a function) across the client boundary, so these wrappers do it on the client side.
 * Prefetching is off by default: result pages carry many links.
 */
import { Anchor, Badge, Button, type AnchorProps, type BadgeProps, type ButtonProps } from '@mantine/core';
import Link from 'next/link';
import type { ComponentPropsWithoutRef } from 'react';

type LinkProps<P> = P & Omit<ComponentPropsWithoutRef<'a'>, keyof P | 'href'> & { href: string; prefetch?: boolean };

export function AnchorLink({ prefetch = false, ...props }: LinkProps<AnchorProps>) {
  return <Anchor component={Link} prefetch={prefetch} {...props} />;
}

export function ButtonLink({ prefetch = false, ...props }: LinkProps<ButtonProps>) {
  return <Button component={Link} prefetch={prefetch} {...props} />;
}

export function BadgeLink({ prefetch = false, ...props }: LinkProps<BadgeProps>) {
  return <Badge component={Link} prefetch={prefetch} {...props} />;
}
