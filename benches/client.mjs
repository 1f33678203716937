// The load process of the scale workload: told a list of ports, it sends one GET to each
// at once and answers with the statuses. Running apart from the servers (as wrk does for the
// throughput workloads), its 500 sockets count neither in the servers' time nor their memory.
import { newAgent, request } from './impls.mjs'

process.on('message', async ({ ports, path }) => {
  const agent = newAgent()
  const statuses = await Promise.all(
    ports.map((port) => request(port, { agent, path }).then((res) => res.status, (e) => String(e))),
  )
  agent.destroy()
  process.send({ statuses })
})
process.send({ ready: true })
