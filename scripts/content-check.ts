// `npm run content:check`: validates all content and prints a one-line JSON summary as the last line.
import { ContentError, loadCourse } from "../lib/content/loader";
import { summariseCourse } from "../lib/content/summary";

try {
  const course = loadCourse();
  console.log(`content OK: ${course.lessons.length} lessons, ${course.banks.reduce((n, b) => n + b.questions.length, 0)} questions`);
  console.log(JSON.stringify(summariseCourse(course)));
} catch (error) {
  if (error instanceof ContentError) {
    console.error(error.message);
    process.exit(1);
  }
  console.error(`content:check failed: ${(error as Error).message}`);
  process.exit(1);
}
