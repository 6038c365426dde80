// The GOV.UK timeout warning: a dialog a couple of minutes before an idle session ends.
// Without JavaScript nothing here runs: the next request after the session ends goes to the
// sign-in page, which says why and comes back with ?next=.
const dialog = document.getElementById('app-timeout-warning')

if (dialog && typeof dialog.showModal === 'function') {
  const warningMs = Number(dialog.dataset.warningSeconds) * 1000
  const statusUrl = dialog.dataset.statusUrl
  const endedUrl = dialog.dataset.endedUrl
  const countdown = dialog.querySelector('.app-timeout-warning__countdown')
  const spoken = dialog.querySelector('.app-timeout-warning__spoken')
  const extendForm = dialog.querySelector('.app-timeout-warning__extend')
  const here = window.location.pathname + window.location.search
  let deadline = Date.now() + Number(dialog.dataset.secondsLeft) * 1000
  let warningTimer = null
  let tickTimer = null
  let lastSpoken = null

  const words = (ms) => {
    const seconds = Math.max(0, Math.ceil(ms / 1000))
    if (seconds >= 60) {
      const minutes = Math.ceil(seconds / 60)
      return minutes === 1 ? '1 minute' : `${minutes} minutes`
    }
    return seconds === 1 ? '1 second' : `${seconds} seconds`
  }

  const signedOut = () => {
    window.location.href = `${endedUrl}?next=${encodeURIComponent(here)}`
  }

  const tick = () => {
    const left = deadline - Date.now()
    if (left <= 0) {
      signedOut()
      return
    }
    const text = words(left)
    countdown.textContent = text
    // Screen readers hear the time when the dialog opens, then every 15 seconds or so.
    const bucket = Math.ceil(left / 15000)
    if (bucket !== lastSpoken) {
      lastSpoken = bucket
      spoken.textContent = `We will sign you out in ${text}.`
    }
  }

  const open = () => {
    if (!dialog.open) {
      lastSpoken = null
      tick()
      dialog.showModal()
    }
    window.clearInterval(tickTimer)
    tickTimer = window.setInterval(tick, 1000)
  }

  const close = () => {
    window.clearInterval(tickTimer)
    if (dialog.open) dialog.close()
  }

  const schedule = () => {
    window.clearTimeout(warningTimer)
    warningTimer = window.setTimeout(check, Math.max(0, deadline - warningMs - Date.now()))
  }

  // Another tab may have kept the session going: ask the server before warning.
  async function check () {
    try {
      const response = await fetch(statusUrl, {
        headers: { Accept: 'application/json' },
        credentials: 'same-origin'
      })
      const status = await response.json()
      if (!status.signed_in) {
        signedOut()
        return
      }
      deadline = Date.now() + status.seconds_left * 1000
      extendForm.hidden = !status.can_extend
    } catch {
      // Offline or the server is busy: trust the clock we have.
    }
    if (deadline - Date.now() > warningMs + 1000) {
      close()
      schedule()
    } else {
      open()
    }
  }

  async function extend () {
    try {
      const response = await fetch(extendForm.action, {
        method: 'POST',
        body: new FormData(extendForm),
        headers: { Accept: 'application/json' },
        credentials: 'same-origin'
      })
      const status = await response.json()
      if (!status.signed_in) {
        signedOut()
        return
      }
      deadline = Date.now() + status.seconds_left * 1000
    } catch {
      extendForm.submit()
      return
    }
    close()
    schedule()
  }

  extendForm.addEventListener('submit', (event) => {
    event.preventDefault()
    extend()
  })
  // Escape closes the dialog: that counts as staying signed in.
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault()
    extend()
  })
  schedule()
}
