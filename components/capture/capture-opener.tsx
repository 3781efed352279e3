"use client";

import { useId, useState, type DragEvent } from "react";
import type { Language } from "@/lib/i18n/language";
import { capture, captureSamples } from "@/lib/i18n/messages/capture";
import { format } from "@/lib/i18n/translate";
import { MAX_CAPTURE_BYTES } from "@/lib/capture/types";
import { SAMPLE_CAPTURES, sampleCaptureHref, type SampleCapture } from "@/lib/learn/capture-samples";
import styles from "./capture.module.css";

export interface OpenedCapture {
  name: string;
  sample: boolean;
  bytes: Uint8Array;
}

interface CaptureOpenerProps {
  lang: Language;
  busy: boolean;
  onOpening: (name: string) => void;
  onOpened: (opened: OpenedCapture) => void;
  onFailed: (message: string) => void;
}

/**
 * A capture from the learner's disk (the labelled file input, or dropped on
 * it) or one of the samples, as bytes: the size is checked before anything is read.
 */
export function CaptureOpener({ lang, busy, onOpening, onOpened, onFailed }: CaptureOpenerProps) {
  const [dragging, setDragging] = useState(false);
  const inputId = useId();
  const t = (key: keyof typeof capture) => capture[key][lang];

  async function openFile(file: File) {
    if (file.size > MAX_CAPTURE_BYTES) return onFailed(format(t("tooLarge"), { file: file.name, size: file.size, max: MAX_CAPTURE_BYTES }));
    onOpening(file.name);
    try {
      onOpened({ name: file.name, sample: false, bytes: new Uint8Array(await file.arrayBuffer()) });
    } catch {
      onFailed(format(t("fileError"), { file: file.name }));
    }
  }

  async function openSample(name: SampleCapture) {
    onOpening(name);
    try {
      const response = await fetch(sampleCaptureHref(name));
      if (!response.ok) return onFailed(format(t("sampleError"), { file: name, status: response.status }));
      const announced = Number(response.headers.get("content-length") ?? "0");
      if (announced > MAX_CAPTURE_BYTES) return onFailed(format(t("tooLarge"), { file: name, size: announced, max: MAX_CAPTURE_BYTES }));
      onOpened({ name, sample: true, bytes: new Uint8Array(await response.arrayBuffer()) });
    } catch {
      onFailed(format(t("sampleError"), { file: name, status: "network" }));
    }
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void openFile(file);
  }

  return (
    <section className={styles.panel} aria-labelledby="open-heading">
      <h2 id="open-heading" className={styles.heading}>
        {t("openHeading")}
      </h2>
      <div
        className={styles.dropZone}
        data-dragging={dragging}
        data-testid="capture-drop-zone"
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <label htmlFor={inputId} className={styles.fileLabel}>
          {t("fileLabel")}
        </label>
        <input
          id={inputId}
          type="file"
          accept=".pcap,.pcapng,.cap,application/vnd.tcpdump.pcap"
          disabled={busy}
          data-testid="capture-file"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void openFile(file);
            // The same file chosen again (after changing it on disk) is read again.
            event.target.value = "";
          }}
        />
        <p className={styles.hint}>
          {dragging ? t("dropZoneActive") : t("dropZone")} {format(t("sizeLimit"), { mib: MAX_CAPTURE_BYTES / 1024 / 1024 })}
        </p>
        <p className={styles.privacy}>{t("privacy")}</p>
      </div>

      <h3 className={styles.subheading}>{t("samplesHeading")}</h3>
      <p className={styles.hint}>{t("samplesHelp")}</p>
      <ul className={styles.samples} data-testid="capture-samples">
        {SAMPLE_CAPTURES.map((name) => (
          <li key={name}>
            <button
              type="button"
              className={`button secondary ${styles.sampleButton}`}
              disabled={busy}
              onClick={() => void openSample(name)}
              data-sample={name}
            >
              <strong>{captureSamples[name].title[lang]}</strong>
              <span className={styles.sampleFile}>{name}</span>
            </button>
            <p className={styles.sampleText}>{captureSamples[name].text[lang]}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
