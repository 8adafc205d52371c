"use client";
// One question's answer controls: the control its type registers (question-types.tsx), given only an answer of its type.
import type { ClientResponse } from "@/lib/grading/response";
import type { QuestionForAttempt } from "@/lib/grading/presentation";
import { clientQuestionType } from "./question-types";

type Props = {
  question: QuestionForAttempt;
  position: number;
  value: ClientResponse | null;
  onChange: (value: ClientResponse, opts?: { debounce?: boolean }) => void;
  disabled?: boolean;
};

export function QuestionInput({ question, position, value, onChange, disabled }: Props) {
  const { Input } = clientQuestionType(question.type);
  const own = value?.type === question.type ? value : null;
  return <Input question={question} name={`q${position}`} value={own} onChange={onChange} disabled={disabled} />;
}

/** Whether a response counts as answered for the summary before submitting. */
export function isAnswered(value: ClientResponse | null): boolean {
  return value !== null && clientQuestionType(value.type).isAnswered(value);
}
