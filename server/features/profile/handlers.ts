import type { HandlerTable } from '../../sync/mutationContext.ts'
import { setLocale, setPhoto, setVisibility, updateProfile } from './mutations.ts'

export const PROFILE_HANDLERS = {
  'profile.update': updateProfile,
  'profile.setVisibility': setVisibility,
  'profile.setPhoto': setPhoto,
  'profile.setLocale': setLocale,
} satisfies Partial<HandlerTable>
