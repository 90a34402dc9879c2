/** A byte count for people: 1023 B, 1.5 KiB, 12.0 MiB, 3.25 GiB (binary units, as disks and Kafka's configs count). */
export function humanBytes(bytes: string | number | bigint): string {
  const n = Number(bytes)
  if (n < 1024) return `${n} B`
  const units = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB']
  let value = n / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2)} ${units[unit]}`
}
