import { memo } from 'react';
import type { AccountMeta } from '../../../shared/ipc/accounts';
import type { Code } from '../../../shared/ipc/codes';
import { groupCode } from '../lib/format';
import { CountdownRing } from './CountdownRing';
import { Icon } from './Icon';

export interface RowProps {
  readonly account: AccountMeta;
  readonly code: Code | undefined;
  readonly top: number;
  readonly selected: boolean;
  readonly draggable: boolean;
  readonly drop: 'before' | 'after' | null;
  readonly onCopy: (id: string) => void;
  readonly onEdit: (id: string) => void;
  readonly onNextHotp: (id: string) => void;
  readonly onDragStart: (id: string) => void;
  readonly onDragOver: (id: string, after: boolean) => void;
  readonly onDrop: (id: string) => void;
}

/** One account: issuer, label, the grouped code, its countdown and, near the end, the next code. */
export const AccountRow = memo(function AccountRow(props: RowProps) {
  const { account, code, selected } = props;
  const expiring = code?.secondsLeft != null && code.secondsLeft < 5;
  const dropClass = props.drop ? ` drop-${props.drop}` : '';
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the listbox handles the keyboard (arrows, Enter) through aria-activedescendant.
    <div
      id={`account-${account.id}`}
      tabIndex={-1}
      className={`row${dropClass}`}
      role="option"
      aria-selected={selected}
      aria-label={`${account.issuer || account.label}, ${account.label}`}
      style={{ transform: `translateY(${props.top}px)`, height: 68 }}
      data-testid="account-row"
      draggable={props.draggable}
      onClick={() => props.onCopy(account.id)}
      onDragStart={(e) => {
        e.dataTransfer.setData('application/x-twofold-account', account.id);
        e.dataTransfer.effectAllowed = 'move';
        props.onDragStart(account.id);
      }}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes('application/x-twofold-account')) return;
        e.preventDefault();
        const box = e.currentTarget.getBoundingClientRect();
        props.onDragOver(account.id, e.clientY > box.top + box.height / 2);
      }}
      onDrop={(e) => {
        if (!e.dataTransfer.types.includes('application/x-twofold-account')) return;
        e.preventDefault();
        e.stopPropagation();
        props.onDrop(account.id);
      }}
    >
      <div className="row-names">
        <div className="row-issuer">{account.issuer || account.label}</div>
        <div className="row-label">{account.issuer ? account.label : ' '}</div>
      </div>
      <div className="row-code">
        <div className={`code mono${expiring ? ' expiring' : ''}`} data-testid="code">
          {code ? groupCode(code.code) : '••• •••'}
        </div>
        {code?.next && (
          <div className="next-code mono" data-testid="next-code">
            next {groupCode(code.next)}
          </div>
        )}
      </div>
      {account.type === 'totp' && code?.secondsLeft != null ? (
        <CountdownRing secondsLeft={code.secondsLeft} period={code.period ?? account.period} />
      ) : (
        <button
          type="button"
          className="icon-btn"
          title="Next code"
          aria-label={`Next code for ${account.issuer || account.label}`}
          tabIndex={-1}
          onClick={(e) => {
            e.stopPropagation();
            props.onNextHotp(account.id);
          }}
        >
          <Icon name="refresh" size={18} />
        </button>
      )}
      <button
        type="button"
        className="icon-btn"
        title="Edit"
        aria-label={`Edit ${account.issuer || account.label}`}
        tabIndex={-1}
        onClick={(e) => {
          e.stopPropagation();
          props.onEdit(account.id);
        }}
      >
        <Icon name="more" size={18} />
      </button>
    </div>
  );
});
