/**
 * The Java client's murmur2 (org.apache.kafka.common.utils.Utils.murmur2),
 * which picks a keyed record's partition: toPositive(murmur2(key)) % partitions.
 * 32-bit arithmetic with Math.imul; kafkajs's version goes through Long
 * objects and took a quarter of a keyed produce's CPU time.
 */
export function murmur2(data: Uint8Array, start = 0, end = data.length): number {
  const length = end - start
  const m = 0x5bd1e995
  let h = (0x9747b28c ^ length) | 0
  const length4 = length >>> 2
  for (let i = 0; i < length4; i++) {
    const i4 = start + (i << 2)
    let k = data[i4]! | (data[i4 + 1]! << 8) | (data[i4 + 2]! << 16) | (data[i4 + 3]! << 24)
    k = Math.imul(k, m)
    k ^= k >>> 24
    k = Math.imul(k, m)
    h = Math.imul(h, m) ^ k
  }
  const tail = start + (length & ~3)
  const rest = length & 3
  if (rest === 3) h ^= data[tail + 2]! << 16
  if (rest >= 2) h ^= data[tail + 1]! << 8
  if (rest >= 1) {
    h ^= data[tail]!
    h = Math.imul(h, m)
  }
  h ^= h >>> 13
  h = Math.imul(h, m)
  h ^= h >>> 15
  return h | 0
}

/** The partition of a keyed record, as the Java producer's default partitioner computes it; the key is `key[start, end)`. */
export function keyPartition(key: Uint8Array, partitions: number, start = 0, end = key.length): number {
  return (murmur2(key, start, end) & 0x7fffffff) % partitions
}
