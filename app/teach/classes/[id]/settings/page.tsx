import { ClassFrame, loadClass } from "../_components/class-frame";
import { CoInstructors } from "../_components/co-instructors";

export const metadata = { title: "Class settings" };

export default async function ClassSettingsPage({ params }: { params: Promise<{ id: string }> }) {
  const { detail } = await loadClass((await params).id, "settings");
  return (
    <ClassFrame detail={detail} tab="settings">
      <CoInstructors classId={detail.id} instructors={detail.instructors} />
    </ClassFrame>
  );
}
