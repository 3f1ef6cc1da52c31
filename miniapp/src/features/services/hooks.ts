import { useCallback } from 'react';
import { useRequest } from '../../api/use-request';
import { fetchServiceGuide } from './api';

export function useServiceGuide(code: string) {
  return useRequest(useCallback(() => fetchServiceGuide(code), [code]));
}
