"use client";

import { useId } from "react";
import type { ConnectionReplay } from "@/lib/capture/replay-connection";
import type { Language } from "@/lib/i18n/language";
import { capture } from "@/lib/i18n/messages/capture";
import { format } from "@/lib/i18n/translate";
import { endpointAddress, finalStates } from "@/lib/learn/capture-view";
import styles from "./capture.module.css";

interface ConnectionListProps {
  connections: ConnectionReplay[];
  chosen: number;
  lang: Language;
  onChoose: (index: number) => void;
}

/** Every connection in the file as a radio: who talked to whom, how many segments, and where both sides ended. */
export function ConnectionList({ connections, chosen, lang, onChoose }: ConnectionListProps) {
  const name = useId();
  const t = (key: keyof typeof capture) => capture[key][lang];
  if (connections.length === 0) return <p data-testid="no-connections">{t("noConnections")}</p>;
  return (
    <fieldset className={styles.connections} data-testid="connection-list">
      <legend className={styles.legend}>{t("connectionLegend")}</legend>
      {connections.map((connection, position) => {
        const [client, server] = connection.endpoints;
        const final = finalStates(connection);
        const simultaneous = client.role === "simultaneous open";
        return (
          <label key={connection.index} className={styles.connection} data-testid="connection" data-final-client={final.client} data-final-server={final.server}>
            <input type="radio" name={name} checked={chosen === position} onChange={() => onChoose(position)} />
            <span className={styles.connectionText}>
              <span className={styles.connectionName}>
                {format(t("connectionOption"), { n: connection.index, client: endpointAddress(client), server: endpointAddress(server) })}
                {simultaneous ? ` ${t("roleSimultaneous")}` : ""}
              </span>
              <span className={styles.connectionMeta}>
                {format(t("connectionSegments"), { count: connection.segments.length })} · {format(t("connectionFinal"), final)}
              </span>
            </span>
          </label>
        );
      })}
    </fieldset>
  );
}
