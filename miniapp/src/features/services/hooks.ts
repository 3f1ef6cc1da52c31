import { useCallback } from 'react';
import { useRequest } from '../../api/use-request';
import { fetchServiceCatalog, fetchServiceGuide } from './api';

export function useServiceCatalog() {
  return useRequest(fetchServiceCatalog);
}

export function useServiceGuide(code: string) {
  return useRequest(useCallback(() => fetchServiceGuide(code), [code]));
}
