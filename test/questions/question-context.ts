import { checkContent } from "@/lib/content";
import { loadContentFiles } from "@/lib/content/load-content-files";
import type { QuestionContext } from "@/lib/questions";

/** The states' meanings from the real content/states.yaml, and two why cards of our own. */
export function testContext(): QuestionContext {
  const report = checkContent(loadContentFiles("content").filter((file) => file.path.endsWith("states.yaml")));
  return {
    states: report.states,
    whyCards: [
      {
        id: "why-three",
        front: { zh: "为什么是三次握手？", en: "Why three handshakes?" },
        back: { zh: "防止旧的重复 SYN。", en: "To stop old duplicate SYNs." },
        keyPoints: { zh: ["旧的重复 SYN", "双方确认 ISN"], en: ["Old duplicate SYNs", "Both ISNs confirmed"] },
        tags: ["handshake", "why"],
      },
      {
        id: "why-2msl",
        front: { zh: "为什么等 2MSL？", en: "Why wait 2MSL?" },
        back: { zh: "一个来回。", en: "A round trip." },
        keyPoints: { zh: ["重传的 FIN", "旧报文段消失", "来回各一个 MSL"], en: ["A resent FIN", "Old segments die out", "One MSL each way"] },
        tags: ["time-wait", "why"],
      },
    ],
  };
}
