import { Input, Picker, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type ReactNode, useEffect } from 'react';
import { pressable } from '../../components/pressable';
import '../../components/confirm-dialog.css';
import '../../components/form.css';
import './admin.css';

/**
 * The admin screens' building blocks: a desktop-width page with the admin menu, labelled inputs that submit on
 * Enter, selects (the browser's own on H5, WeChat's picker in the mini-program), tables that read as tables to
 * screen readers, and notices. Everything clickable is reachable with Tab and pressed with Enter or Space.
 */

const h5 = process.env.TARO_ENV === 'h5';

interface AdminNavItem {
  key: string;
  title: string;
  url: string;
}

/** The page frame: a menu of the admin screens the caller may open (the current one marked), then the page. */
export function AdminFrame({
  title,
  current,
  links,
  children,
}: {
  title: string;
  current: string;
  links: readonly AdminNavItem[];
  children: ReactNode;
}) {
  return (
    <View className="admin-frame">
      <View className="admin-nav" {...(h5 ? { role: 'navigation', 'aria-label': '系统管理' } : {})}>
        <View className="admin-nav__title">系统管理</View>
        {links.map((link) => {
          const active = link.url === current;
          const open = () => {
            if (!active) void Taro.redirectTo({ url: link.url });
          };
          return (
            <View
              key={link.key}
              className={`admin-nav__item ${active ? 'admin-nav__item--active' : ''}`}
              onClick={open}
              {...pressable(open)}
              {...(h5 && active ? { 'aria-current': 'page' } : {})}
            >
              {link.title}
            </View>
          );
        })}
      </View>
      <View className="admin-main">
        <View className="admin-title" {...(h5 ? { role: 'heading', 'aria-level': 1 } : {})}>
          {title}
        </View>
        {children}
      </View>
    </View>
  );
}

interface InputFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Enter in the field. */
  onEnter?: () => void;
  error?: string;
  hint?: string;
  placeholder?: string;
  h5Type?: string;
  maxlength?: number;
  disabled?: boolean;
  className?: string;
}

/** A labelled input; Enter runs `onEnter` (a search, a form's save). Its error is announced when it appears. */
export function InputField({
  id,
  label,
  value,
  onChange,
  onEnter,
  error,
  hint,
  placeholder,
  h5Type,
  maxlength = 140,
  disabled,
  className,
}: InputFieldProps) {
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [error ? errorId : '', hint ? hintId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <View className={`form-field admin-field ${error ? 'form-field--invalid' : ''} ${className ?? ''}`}>
      <View className="form-field__label">{label}</View>
      <Input
        className="form-field__input"
        value={value}
        placeholder={placeholder}
        placeholderClass="form-field__placeholder"
        maxlength={maxlength}
        disabled={disabled}
        confirmType="done"
        ariaLabel={h5 ? undefined : label}
        nativeProps={
          h5
            ? {
                id,
                'aria-label': label,
                'aria-invalid': error ? 'true' : 'false',
                'aria-describedby': describedBy,
                ...(h5Type ? { type: h5Type } : {}),
              }
            : {}
        }
        onInput={(event) => onChange(event.detail.value)}
        onConfirm={() => onEnter?.()}
      />
      {hint && (
        <View id={hintId} className="form-field__hint">
          {hint}
        </View>
      )}
      {error && (
        <View id={errorId} className="form-field__error" role="alert">
          {error}
        </View>
      )}
    </View>
  );
}

export interface Option<T extends string> {
  value: T;
  label: string;
}

interface SelectFieldProps<T extends string> {
  id: string;
  label: string;
  options: readonly Option<T>[];
  value: T;
  onChange: (value: T) => void;
  error?: string;
  className?: string;
}

/** One choice from a list: a native select on H5 (keyboard and screen readers), WeChat's picker elsewhere. */
export function SelectField<T extends string>({
  id,
  label,
  options,
  value,
  onChange,
  error,
  className,
}: SelectFieldProps<T>) {
  const selected = options.find((option) => option.value === value);
  return (
    <View className={`form-field admin-field ${error ? 'form-field--invalid' : ''} ${className ?? ''}`}>
      <View className="form-field__label">{label}</View>
      {h5 ? (
        <select
          id={id}
          className="form-field__input admin-select"
          aria-label={label}
          aria-invalid={error ? 'true' : 'false'}
          value={value}
          onChange={(event: { target: { value: string } }) => onChange(event.target.value as T)}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      ) : (
        <Picker
          mode="selector"
          range={options.map((option) => option.label)}
          value={Math.max(
            0,
            options.findIndex((option) => option.value === value),
          )}
          onChange={(event) => {
            const option = options[Number(event.detail.value)];
            if (option) onChange(option.value);
          }}
        >
          <View className="form-field__input" ariaLabel={`${label}：${selected?.label ?? '请选择'}`}>
            {selected?.label ?? '请选择'}
          </View>
        </Picker>
      )}
      {error && (
        <View className="form-field__error" role="alert">
          {error}
        </View>
      )}
    </View>
  );
}

/** A tick box row (a checkbox for screen readers, toggled with Space or Enter). */
export function CheckField({
  id,
  label,
  checked,
  onChange,
}: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const toggle = () => onChange(!checked);
  return (
    <View
      id={id}
      className={`admin-check ${checked ? 'admin-check--checked' : ''}`}
      onClick={toggle}
      {...(h5
        ? {
            ...pressable(toggle),
            role: 'checkbox',
            'aria-checked': checked ? 'true' : 'false',
            'aria-label': label,
          }
        : {})}
    >
      <View className="admin-check__box">{checked ? '✓' : ''}</View>
      <View>{label}</View>
    </View>
  );
}

export interface Column<Row> {
  key: string;
  header: string;
  /** Relative width (flex-grow). */
  width?: number;
  render: (row: Row) => ReactNode;
}

/** A table of rows (one page of a list); an empty list says `emptyText`. */
export function Table<Row>({
  label,
  columns,
  rows,
  rowKey,
  emptyText,
  rowClassName,
}: {
  label: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string | number;
  emptyText: string;
  rowClassName?: (row: Row) => string;
}) {
  const cellStyle = (column: Column<Row>) => ({ flex: `${column.width ?? 1} 1 0` });
  return (
    <View className="admin-table" {...(h5 ? { role: 'table', 'aria-label': label } : {})}>
      <View className="admin-table__row admin-table__head" {...(h5 ? { role: 'row' } : {})}>
        {columns.map((column) => (
          <View
            key={column.key}
            className="admin-table__cell"
            style={cellStyle(column)}
            {...(h5 ? { role: 'columnheader' } : {})}
          >
            {column.header}
          </View>
        ))}
      </View>
      {rows.length === 0 ? (
        <View className="admin-table__empty">{emptyText}</View>
      ) : (
        rows.map((row) => (
          <View
            key={rowKey(row)}
            className={`admin-table__row ${rowClassName?.(row) ?? ''}`}
            {...(h5 ? { role: 'row' } : {})}
          >
            {columns.map((column) => (
              <View
                key={column.key}
                className="admin-table__cell"
                style={cellStyle(column)}
                {...(h5 ? { role: 'cell' } : {})}
              >
                {column.render(row)}
              </View>
            ))}
          </View>
        ))
      )}
    </View>
  );
}

/** A line of feedback: success (announced politely) or an error (announced at once). */
export function Notice({ tone, children }: { tone: 'success' | 'error' | 'info'; children: ReactNode }) {
  return (
    <View className={`admin-notice admin-notice--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </View>
  );
}

/**
 * A small inline action in a table row: shows `action` (e.g. 重置密码) and is named `重置密码 lawyer`, so the
 * name starts with what is seen and still says which row it acts on.
 */
export function RowAction({
  action,
  subject,
  onPress,
  danger,
}: {
  action: string;
  subject: string;
  onPress: () => void;
  danger?: boolean;
}) {
  return (
    <View
      className={`admin-row-action ${danger ? 'admin-row-action--danger' : ''}`}
      onClick={onPress}
      {...pressable(onPress, { label: `${action} ${subject}` })}
    >
      {action}
    </View>
  );
}

interface AdminButtonProps {
  children: ReactNode;
  onClick: () => void;
  type?: 'primary' | 'default' | 'danger';
  /** Accessible name when the visible text is not enough. */
  label?: string;
  loading?: boolean;
  disabled?: boolean;
  className?: string;
  id?: string;
}

/**
 * A button of the admin screens, reachable with Tab and pressed with Enter or Space on H5 (NutUI's button is
 * neither there), at least one touch target high; `loading` shows that the action is under way.
 */
export function AdminButton({
  children,
  onClick,
  type = 'default',
  label,
  loading,
  disabled,
  className,
  id,
}: AdminButtonProps) {
  const inactive = Boolean(loading || disabled);
  const press = () => {
    if (!inactive) onClick();
  };
  return (
    <View
      id={id}
      className={`admin-button admin-button--${type} ${inactive ? 'admin-button--inactive' : ''} ${className ?? ''}`}
      onClick={press}
      {...pressable(press, { label })}
      {...(h5 && inactive ? { 'aria-disabled': 'true' } : {})}
    >
      {loading ? '请稍候…' : children}
    </View>
  );
}

interface AdminDialogProps {
  id: string;
  visible: boolean;
  title: string;
  children: ReactNode;
  confirmText: string;
  cancelText?: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * A modal question for the admin screens: opens with the focus on its confirm button, Escape cancels, and both
 * buttons work from the keyboard.
 */
export function AdminDialog({
  id,
  visible,
  title,
  children,
  confirmText,
  cancelText = '取消',
  danger,
  busy,
  onConfirm,
  onCancel,
}: AdminDialogProps) {
  useEffect(() => {
    if (!visible || process.env.TARO_ENV !== 'h5') return;
    const timer = setTimeout(() => document.getElementById(`${id}-confirm`)?.focus(), 0);
    return () => clearTimeout(timer);
  }, [visible, id]);
  if (!visible) return null;
  return (
    <View className="confirm-dialog admin-dialog" catchMove>
      <View
        className="confirm-dialog__panel"
        {...(h5
          ? {
              role: 'dialog',
              'aria-modal': 'true',
              'aria-labelledby': `${id}-title`,
              onKeyDown: (event: { key: string }) => {
                if (event.key === 'Escape') onCancel();
              },
            }
          : {})}
      >
        <View className="confirm-dialog__title" id={`${id}-title`}>
          {title}
        </View>
        <View className="confirm-dialog__body">{children}</View>
        <View className="admin-actions admin-dialog__actions">
          <AdminButton id={`${id}-confirm`} type={danger ? 'danger' : 'primary'} loading={busy} onClick={onConfirm}>
            {confirmText}
          </AdminButton>
          <AdminButton onClick={onCancel}>{cancelText}</AdminButton>
        </View>
      </View>
    </View>
  );
}
