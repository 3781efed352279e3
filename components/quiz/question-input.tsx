"use client";

import { ChoiceInput } from "./choice-input";
import { MatchInput } from "./match-input";
import { OrderInput } from "./order-input";
import { NumberInput, SegmentInput } from "./segment-input";
import { SelfGradeInput } from "./self-grade-input";
import type { InputProps } from "./types";

/** The input that fits the question. */
export function QuestionInput(props: InputProps) {
  switch (props.question.input) {
    case "segment":
      return <SegmentInput {...props} />;
    case "number":
      return <NumberInput {...props} />;
    case "order":
      return <OrderInput {...props} />;
    case "match":
      return <MatchInput {...props} />;
    case "self-grade":
      return <SelfGradeInput {...props} />;
    default:
      return <ChoiceInput {...props} />;
  }
}
