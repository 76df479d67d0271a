/** What the person at the door hears and feels with each verdict, so they need not look at the screen. */
export type Signal = 'yes' | 'again' | 'no'

let audio: AudioContext | null = null

/** A short tone (high for yes, two for a duplicate, low for no) and a vibration, where the phone allows them. */
export function signal(kind: Signal): void {
  navigator.vibrate?.(kind === 'yes' ? 80 : kind === 'again' ? [80, 60, 80] : [250])
  try {
    audio ??= new AudioContext()
    const tones = kind === 'yes' ? [880] : kind === 'again' ? [660, 660] : [220]
    tones.forEach((frequency, i) => {
      const oscillator = audio!.createOscillator()
      const gain = audio!.createGain()
      oscillator.frequency.value = frequency
      gain.gain.value = 0.2
      oscillator.connect(gain).connect(audio!.destination)
      const start = audio!.currentTime + i * 0.18
      oscillator.start(start)
      oscillator.stop(start + (kind === 'no' ? 0.35 : 0.12))
    })
  } catch {
    /* no sound on this device: the screen and the vibration still tell */
  }
}
