export default function Home() {
  return (
    <main>
      <h1>Police integrity findings</h1>
      <p>Search is coming soon.</p>
    </main>
  );
}
