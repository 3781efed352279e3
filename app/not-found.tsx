import Link from "next/link";
import { common } from "@/lib/i18n/messages/common";
import { getLanguage } from "@/lib/server/preferences";

/** A missing page, note or session: inside the site's own layout, theme and language, rather than Next's bare white default. */
export default async function NotFound() {
  const lang = await getLanguage();
  return (
    <div className="stack">
      <h1>{common.notFoundTitle[lang]}</h1>
      <p className="lede">{common.notFoundText[lang]}</p>
      <p>
        <Link className="button" href="/">
          {common.navHome[lang]}
        </Link>
      </p>
    </div>
  );
}
