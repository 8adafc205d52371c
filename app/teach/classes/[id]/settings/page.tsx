import Link from "@/app/_components/link";
import { ClassFrame, loadClass } from "../_components/class-frame";
import { CoInstructors } from "../_components/co-instructors";

export const metadata = { title: "Class settings" };

export default async function ClassSettingsPage({ params }: { params: Promise<{ id: string }> }) {
  const { detail } = await loadClass((await params).id, "settings");
  return (
    <ClassFrame detail={detail} tab="settings">
      <CoInstructors classId={detail.id} instructors={detail.instructors} />
      <section aria-labelledby="lms-heading" className="flex flex-col gap-2">
        <h2 id="lms-heading" className="text-xl font-semibold">
          Your LMS
        </h2>
        <p>
          <Link href={`/teach/classes/${detail.id}/lti`}>Grade passback status and gradebook files for Canvas and Moodle</Link>
        </p>
      </section>
    </ClassFrame>
  );
}
