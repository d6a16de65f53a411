import { useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Icon, type IconName } from '../../components/Icon';
import { Modal } from '../../components/Modal';
import { useStore } from '../../store';
import { BackupForm, PasteForm } from './Forms';
import { ManualForm } from './ManualForm';
import { CaptureHelp, PreviewList, ScanResult } from './Results';

export const IMAGE_TYPES = 'image/png,image/jpeg,image/webp';

/** One surface for every way in; each ends in the core's dry run, then import. */
export function AddDialog() {
  const s = useStore(
    useShallow((st) => ({
      mode: st.addMode,
      busy: st.addBusy,
      error: st.addError,
      report: st.report,
      preview: st.preview,
      close: st.closeAdd,
      setMode: st.setAddMode,
      scanScreens: st.scanScreens,
      scanFiles: st.scanFiles,
    })),
  );
  const fileRef = useRef<HTMLInputElement>(null);
  const title = s.preview ? 'Review import' : s.report ? 'Found on scan' : 'Add account';

  let body: React.ReactNode;
  if (s.preview) body = <PreviewList />;
  else if (s.report) body = <ScanResult />;
  else if (s.mode === 'paste') body = <PasteForm />;
  else if (s.mode === 'manual') body = <ManualForm />;
  else if (s.mode === 'backup') body = <BackupForm />;
  else
    body = (
      <>
        <p className="lead">Choose how to bring the account in. Nothing is saved until you confirm the preview.</p>
        <div className="ways">
          <Way
            icon="screen"
            title="Scan screens"
            hint="Finds QR codes on every display"
            onClick={() => void s.scanScreens()}
          />
          <Way
            icon="image"
            title="Open image…"
            hint="PNG, JPEG or WebP files"
            onClick={() => fileRef.current?.click()}
          />
          <Way
            icon="clipboard"
            title="Paste"
            hint="An image or an otpauth:// link"
            onClick={() => s.setMode('paste')}
          />
          <Way
            icon="drop"
            title="Drop an image"
            hint="Drag a screenshot onto this window"
            onClick={() => fileRef.current?.click()}
          />
          <Way
            icon="qr"
            title="Google Authenticator export"
            hint="Scan or open each QR page; missing pages are listed"
            onClick={() => fileRef.current?.click()}
          />
          <Way
            icon="backup"
            title="Import backup"
            hint="A Twofold encrypted backup file"
            onClick={() => s.setMode('backup')}
          />
          <Way
            icon="keyboard"
            title="Enter manually"
            hint="Issuer, label, secret key, advanced fields"
            onClick={() => s.setMode('manual')}
          />
        </div>
        <input
          ref={fileRef}
          type="file"
          accept={IMAGE_TYPES}
          multiple
          hidden
          data-testid="image-input"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            if (files.length > 0) void s.scanFiles(files);
          }}
        />
      </>
    );

  return (
    <Modal title={title} onClose={s.close}>
      {s.error && (
        <div className="alert error" role="alert">
          {s.error.message}
          <CaptureHelp code={s.error.code} />
        </div>
      )}
      {s.busy && !s.report && !s.preview ? <p className="muted">Working…</p> : body}
    </Modal>
  );
}

function Way(props: { icon: IconName; title: string; hint: string; onClick: () => void }) {
  return (
    <button type="button" className="way" onClick={props.onClick}>
      <span className="way-icon">
        <Icon name={props.icon} />
      </span>
      <span>
        <b>{props.title}</b>
        <small>{props.hint}</small>
      </span>
    </button>
  );
}
