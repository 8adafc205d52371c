// The class's assignments: each quiz's settings, attempts and per-student overrides, the forms to assign the module or
// one quiz, and extra time per student.
import { DetailsOnDemand } from "@/app/_components/details-on-demand";
import { When } from "@/app/_components/when";
import type { RosterEntryDTO } from "@/lib/dal/classes";
import { listAssignableQuizzes, listClassAssignments, type ClassAssignmentDTO } from "@/lib/dal/assignments";
import { listTopics } from "@/lib/dal/course";
import { listPickableQuestions } from "@/lib/dal/question-picker";
import type { Viewer } from "@/lib/dal/viewer";
import { gradingMethodPhrase } from "@/lib/quiz/labels";
import {
  AccommodationForm,
  AssignModuleForm,
  AssignQuizForm,
  CustomQuizForm,
  ClearOverrideButton,
  DeleteAssignmentButton,
  EditAssignmentForm,
  OverrideForm,
  type AssignmentFormValues,
  type StudentOption,
} from "./assignment-forms";

const REVIEW_LABEL = { IMMEDIATELY: "immediately", AFTER_DUE: "after the due date", NEVER: "never" };
const summaryClass = "cursor-pointer font-medium";

function formValues(a: ClassAssignmentDTO): AssignmentFormValues {
  return {
    id: a.id,
    openAt: a.openAt?.toISOString() ?? null,
    dueAt: a.dueAt?.toISOString() ?? null,
    closeAt: a.closeAt?.toISOString() ?? null,
    timeLimitMinutes: a.timeLimitMinutes,
    attemptsAllowed: a.attemptsAllowed,
    gradingMethod: a.gradingMethod,
    reviewTiming: a.reviewTiming,
    navigation: a.navigation,
    onePerPage: a.onePerPage,
    graceSeconds: a.graceSeconds,
  };
}

/** A date in the instructor's own zone (rendered on the server, so it never flips after loading). */
function At({ date, none, zone }: { date: Date | null; none: string; zone: string | null | undefined }) {
  return date ? <When date={date} now={date} zone={zone} style="datetime" /> : <>{none}</>;
}

function AssignmentCard({
  a,
  students,
  pickerNote,
  zone,
}: {
  a: ClassAssignmentDTO;
  students: StudentOption[];
  pickerNote: string | null;
  zone: string | null | undefined;
}) {
  const headingId = `assignment-${a.id}`;
  return (
    <article aria-labelledby={headingId} className="flex flex-col gap-3 rounded border border-stone-300 p-4 dark:border-stone-700">
      <h3 id={headingId} className="text-lg font-semibold">
        {a.quizTitle}
      </h3>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr_max-content_1fr]">
        <dt className="font-medium">Opens</dt>
        <dd>
          <At date={a.openAt} none="now" zone={zone} />
        </dd>
        <dt className="font-medium">Due</dt>
        <dd>
          <At date={a.dueAt} none="no due date" zone={zone} />
        </dd>
        <dt className="font-medium">Closes</dt>
        <dd>
          <At date={a.closeAt} none="never" zone={zone} />
        </dd>
        <dt className="font-medium">Time limit</dt>
        <dd>{a.timeLimitMinutes ? `${a.timeLimitMinutes} min (+${a.graceSeconds} s grace)` : "none"}</dd>
        <dt className="font-medium">Attempts</dt>
        <dd>{a.attemptsAllowed ?? "unlimited"}</dd>
        <dt className="font-medium">Grade</dt>
        <dd>{gradingMethodPhrase(a.gradingMethod)}</dd>
        <dt className="font-medium">Answers shown</dt>
        <dd>{REVIEW_LABEL[a.reviewTiming]}</dd>
        <dt className="font-medium">Questions</dt>
        <dd>
          {a.navigation === "FREE" ? "free navigation" : "one at a time, no going back"};{" "}
          {a.onePerPage ? "one per page" : "all on one page"}
        </dd>
        <dt className="font-medium">Activity</dt>
        <dd>
          {a.attemptsStarted} attempt{a.attemptsStarted === 1 ? "" : "s"} started, {a.attemptsFinished} finished
        </dd>
      </dl>

      {a.overrides.length > 0 && (
        <div className="flex flex-col gap-2">
          <h4 className="font-semibold">Overrides</h4>
          <ul className="flex flex-col gap-2">
            {a.overrides.map((o) => (
              <li key={o.userId} className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
                <span className="font-medium">{o.name}</span>
                {o.extraAttempts > 0 && (
                  <span>
                    +{o.extraAttempts} attempt{o.extraAttempts === 1 ? "" : "s"}
                  </span>
                )}
                {o.dueAt && (
                  <span>
                    due <At date={o.dueAt} none="" zone={zone} />
                  </span>
                )}
                {o.closeAt && (
                  <span>
                    closes <At date={o.closeAt} none="" zone={zone} />
                  </span>
                )}
                <ClearOverrideButton assignmentId={a.id} studentId={o.userId} studentName={o.name} />
              </li>
            ))}
          </ul>
        </div>
      )}

      <DetailsOnDemand
        summaryClassName={summaryClass}
        summary={
          <>
            Edit settings<span className="sr-only">: {a.quizTitle}</span>
          </>
        }
      >
        <div className="pt-3">
          <EditAssignmentForm values={formValues(a)} />
        </div>
      </DetailsOnDemand>
      <DetailsOnDemand
        summaryClassName={summaryClass}
        summary={
          <>
            Override for one student<span className="sr-only">: {a.quizTitle}</span>
          </>
        }
      >
        <div className="flex flex-col gap-2 pt-3">
          {pickerNote && <p className="text-sm">{pickerNote}</p>}
          <OverrideForm assignmentId={a.id} students={students} />
        </div>
      </DetailsOnDemand>
      {a.attemptsStarted === 0 ? (
        <DeleteAssignmentButton assignmentId={a.id} quizTitle={a.quizTitle} />
      ) : (
        <p className="text-sm text-stone-600 dark:text-stone-300">
          Students have attempted this quiz, so it cannot be deleted; set a close date instead.
        </p>
      )}
    </article>
  );
}

export async function AssignmentsSection({
  viewer,
  classId,
  students,
  studentCount,
}: {
  viewer: Viewer;
  classId: string;
  /** The roster page shown below: the student pickers list these, so a class of 10,000 does not ship 10,000 options. */
  students: RosterEntryDTO[];
  studentCount: number;
}) {
  const [assignments, quizzes, topics, pickable] = await Promise.all([
    listClassAssignments(viewer, classId),
    listAssignableQuizzes(viewer, classId),
    listTopics(),
    listPickableQuestions(viewer, classId),
  ]);
  const assigned = new Set(assignments.map((a) => a.quizId));
  const studentOptions: StudentOption[] = students.map((s) => ({
    userId: s.userId,
    name: s.name,
    accommodationFactor: s.accommodationFactor,
  }));
  const first = students[0];
  const last = students[students.length - 1];
  const pickerNote =
    studentCount > students.length && first && last
      ? `The student lists hold ${students.length} of the ${studentCount} students (${first.name} to ${last.name}, by name); turn the page below them to pick someone else.`
      : null;
  return (
    <section aria-labelledby="assignments-heading" className="flex flex-col gap-4">
      <h2 id="assignments-heading" className="text-xl font-semibold">
        Assignments ({assignments.length})
      </h2>
      <p>Changes to dates, limits and overrides apply to attempts started afterwards: an attempt gets its deadline when it starts.</p>
      {assignments.length === 0 ? (
        <p>Nothing is assigned yet. Assign the whole module or one quiz below.</p>
      ) : (
        <div className="flex flex-col gap-4">
          {assignments.map((a) => (
            <AssignmentCard key={a.id} a={a} students={studentOptions} pickerNote={pickerNote} zone={viewer.timeZone} />
          ))}
        </div>
      )}

      {assigned.size < quizzes.length && (
        <>
          <DetailsOnDemand
            className="rounded border border-stone-300 p-4 dark:border-stone-700"
            summaryClassName={summaryClass}
            summary={<>Assign the whole module ({quizzes.length - assigned.size} quizzes not yet assigned)</>}
          >
            <div className="pt-3">
              <AssignModuleForm classId={classId} />
            </div>
          </DetailsOnDemand>
          <DetailsOnDemand
            className="rounded border border-stone-300 p-4 dark:border-stone-700"
            summaryClassName={summaryClass}
            summary={<>Assign one quiz</>}
          >
            <div className="pt-3">
              <AssignQuizForm
                classId={classId}
                quizzes={quizzes.map((q) => ({ id: q.id, title: q.title, assigned: assigned.has(q.id) }))}
              />
            </div>
          </DetailsOnDemand>
        </>
      )}

      <DetailsOnDemand
        className="rounded border border-stone-300 p-4 dark:border-stone-700"
        summaryClassName={summaryClass}
        summary={<>Make a quiz for this class</>}
      >
        <div className="pt-3">
          <CustomQuizForm classId={classId} topics={topics.map((t) => ({ slug: t.slug, title: t.title }))} questions={pickable} />
        </div>
      </DetailsOnDemand>

      <h3 className="text-lg font-semibold">Extra time</h3>
      <p>A time multiplier follows the student across every timed quiz in this class, for attempts they start afterwards.</p>
      {pickerNote && <p className="text-sm">{pickerNote}</p>}
      <AccommodationForm classId={classId} students={studentOptions} />
    </section>
  );
}
