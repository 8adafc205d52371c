"use client";
// One showing of a due review card: the learner answers with the quiz controls, the server grades and reschedules,
// then the key, explanation and lesson link appear with a button to the next due card. Holds no key before answering.
import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import type { ClientResponse } from "@/lib/grading/response";
import type { ReviewCardForShowingDTO, ReviewFeedbackDTO } from "@/lib/dal/review";
import { answerReviewCardAction } from "@/lib/actions/review";
import { QuestionInput } from "./question-input";
import { clientQuestionType } from "./question-types";
import { FormError, buttonClass } from "./form-fields";
import { ANSWER_STATUS_LABEL } from "@/lib/quiz/labels";
import { QuestionPrompt } from "./question-markdown";
import { AnswerKey, STATUS_CLASS, YourAnswer } from "./answer-feedback";

// "Not quite" reads kinder than "Incorrect" in a practice loop.
const STATUS_LABEL = { ...ANSWER_STATUS_LABEL, incorrect: "Not quite" } as const;

export function ReviewSession({
  card,
  dueNow,
  attemptId,
  nextHref,
}: {
  card: ReviewCardForShowingDTO;
  dueNow: number;
  attemptId?: string;
  /** Where "Next question" goes: the same session (its start or its attempt in the URL), so it ends with its summary. */
  nextHref?: string;
}) {
  const router = useRouter();
  const [value, setValue] = useState<ClientResponse | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [feedback, setFeedback] = useState<ReviewFeedbackDTO | null>(null);
  const feedbackHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (feedback) feedbackHeading.current?.focus();
  }, [feedback]);

  const check = async () => {
    setPending(true);
    setError(null);
    try {
      const result = await answerReviewCardAction({
        cardId: card.cardId,
        showingId: card.showingId,
        response: value ?? clientQuestionType(card.question.type).untouched(card.question),
        ...(attemptId ? { attemptId } : {}),
      });
      if (result.ok) setFeedback(result.data);
      else setError(result.error);
    } catch {
      setError("We could not reach the server; your answer was not recorded. Please try again.");
    } finally {
      setPending(false);
    }
  };

  const next = () => {
    if (!nextHref || window.location.pathname + window.location.search === nextHref) router.refresh();
    else router.replace(nextHref);
  };

  return (
    <section
      aria-labelledby="review-card-heading"
      className="flex flex-col gap-4 rounded border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900"
    >
      <p className="text-sm text-stone-500 dark:text-stone-400">
        {card.topicTitle} · {dueNow} question{dueNow === 1 ? "" : "s"} {attemptId ? "left" : "due"}
      </p>
      <fieldset className="flex flex-col gap-3" disabled={pending || feedback !== null}>
        <legend id="review-card-heading" className="sr-only">
          Review question
        </legend>
        <QuestionPrompt name="q0" html={card.question.promptHtml} />
        <QuestionInput
          question={card.question}
          position={0}
          value={value}
          onChange={(v) => setValue(v)}
          disabled={pending || feedback !== null}
        />
      </fieldset>
      <FormError message={error ?? undefined} />
      {!feedback && (
        <div className="flex flex-wrap gap-3">
          <button type="button" className={buttonClass} onClick={check} disabled={pending}>
            {pending ? "Checking…" : "Check answer"}
          </button>
        </div>
      )}
      {feedback && (
        <div className="flex flex-col gap-3 border-t border-stone-200 pt-4 dark:border-stone-800" aria-live="polite">
          <h2 ref={feedbackHeading} tabIndex={-1} className="flex flex-wrap items-center gap-2 text-lg font-semibold">
            <span className={`rounded border px-2 py-0.5 text-base ${STATUS_CLASS[feedback.status]}`}>{STATUS_LABEL[feedback.status]}</span>
            <span className="text-base font-normal">This question comes back {feedback.nextDueIn}.</span>
          </h2>
          <YourAnswer lines={feedback.yourAnswer} />
          <AnswerKey answers={feedback} topicTitle={feedback.topicTitle} />
          <div>
            <button type="button" className={buttonClass} onClick={next}>
              Next question
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
