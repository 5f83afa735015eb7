// « Demander une proposition » (theme/templates/enquiry.html), made easier:
// the offer named in ?atelier=<slug> is chosen, a field per question writes
// the message, and a button copies the request. The form works without this
// script: it is a plain mailto: form whose `subject` and `body` the browser
// turns into the mail; this script only fills `body` before it leaves.
const form = document.querySelector("form.enquiry");
const offer = form.querySelector("select[name=subject]");
const body = form.querySelector("textarea[name=body]");
const questions = form.querySelector(".enquiry__questions");
const fields = [...questions.querySelectorAll("[data-question]")];
const copy = form.querySelector(".enquiry__copy");
const status = form.querySelector(".enquiry__status");

// The offer of the button that led here.
const asked = new URLSearchParams(location.search).get("atelier");
const chosen = [...offer.options].find((option) => asked && option.dataset.atelier === asked);
if (chosen) {
  chosen.selected = true;
}

// Once the visitor writes in the message itself, it is theirs: the fields no
// longer rewrite it.
let edited = false;

function compose() {
  const option = offer.selectedOptions[0];
  const request = option && option.dataset.atelier
    ? form.dataset.request.replace("{atelier}", option.textContent.trim())
    : form.dataset.requestAny;
  const answers = fields.filter((field) => field.dataset.question && field.value.trim())
    .map((field) => `${field.dataset.question}\u00a0: ${field.value.trim()}`);
  const free = fields.filter((field) => !field.dataset.question && !("signature" in field.dataset) && field.value.trim())
    .map((field) => field.value.trim());
  const signature = fields.filter((field) => "signature" in field.dataset && field.value.trim())
    .map((field) => field.value.trim());
  return [form.dataset.greeting, request, answers.join("\n"), ...free, ...signature]
    .filter(Boolean).join("\n\n") + "\n";
}

function update() {
  if (!edited) {
    body.value = compose();
  }
}

questions.hidden = false;
update();
for (const field of [offer, ...fields]) {
  field.addEventListener("input", update);
}
body.addEventListener("input", () => {
  edited = true;
});

// The form's own mailto: URL, with spaces as %20: Chromium writes them « + »
// (as for a web form), which a mail program shows as they are.
const address = form.getAttribute("action")?.startsWith("mailto:") ? form.getAttribute("action").slice(7) : "";
form.addEventListener("submit", (event) => {
  event.preventDefault();
  const text = body.value.replace(/\r?\n/g, "\r\n");
  location.href = `mailto:${address}?subject=${encodeURIComponent(offer.value)}&body=${encodeURIComponent(text)}`;
});

// The whole request, to paste into any mail: the address, the subject, the text.
copy.hidden = false;
copy.addEventListener("click", async () => {
  const text = [address && `À\u00a0: ${address}`, `Objet\u00a0: ${offer.value}`, "", body.value].filter((line, index) => line || index > 0).join("\n");
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = form.dataset.copied;
  } catch {
    body.focus();
    body.select();
    status.textContent = form.dataset.copyFailed;
  }
});
