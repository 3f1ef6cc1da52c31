import { configureZod } from '@veterans/shared';
import type { PropsWithChildren } from 'react';
import './app.css';

// Chinese validation messages; `jitless` because WeChat refuses the `new Function` zod would otherwise use.
configureZod({ jitless: true });

export default function App({ children }: PropsWithChildren) {
  return children;
}
